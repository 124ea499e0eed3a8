"""Writes tests/corpus/clean_posts_heldout.jsonl: more clean Quad Cities staff posts, English and
Spanish, from templates, places and traps of their own (none of them in make_clean_posts.py), kept
as a held-out check on precision. Rules are tuned on clean_posts.jsonl; this file is only counted by
`python -m evaluation` (never listed by --failures), so that a rule fitted to the tuning posts' own
names and phrasings shows here. Do not read it while writing rules. Deterministic (fixed seed).
Run: python3 tests/corpus/make_clean_heldout.py
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

SEED = 20261204
OUT = Path(__file__).resolve().parent / "clean_posts_heldout.jsonl"
PER_TEMPLATE = 7

S = {
    "school": ["Moline High", "John Deere Middle", "Wilson Middle", "Jane Addams Elementary", "Butterworth Elementary",
               "Washington Elementary", "Lincoln-Irving", "Roosevelt Elementary", "Coolidge Campus"],
    "rival": ["Rock Island", "United Township", "Alleman", "Geneseo", "Sterling", "Quincy", "Galesburg",
              "Davenport West", "Bettendorf", "Assumption", "Pleasant Valley", "North Scott"],
    "place": ["Lock and Dam 15", "the Rock Island Arsenal Museum", "Sylvan Island", "the Deere-Wiman House",
              "the Hauberg Indian Museum", "the Moline Centre", "Centennial Bridge", "the Col Ballroom",
              "Quad City International Airport", "the Mississippi River Visitor Center", "Empire Park",
              "Stephens Park", "Velie Park", "Prospect Park"],
    "place_es": ["Lock and Dam 15", "el museo del Rock Island Arsenal", "Sylvan Island", "la Deere-Wiman House",
                 "el museo Hauberg", "el centro de Moline", "el puente Centennial", "el aeropuerto de Quad City",
                 "el Centro de Visitantes del río Mississippi", "Empire Park", "Stephens Park", "Prospect Park"],
    "trap_en": ["our badminton unit (bring a shuttlecock if you have one)", "the Emily Dickinson poetry slam",
                "the Alfred Hitchcock film club", "the peacock exhibit", "the American woodcock bird count",
                "the sextet from the jazz band", "the debate team's rebuttal practice", "a cocktail-sauce taste test",
                "pussy willow branches for the spring science table", "the Cockermouth pen-pal exchange",
                "the Penistone Grammar School video call", "the Clitheroe Castle virtual tour",
                "the Scunthorpe United soccer clinic video", "cumulative review packets", "the assembly in the gym",
                "the titmouse and chickadee feeder project", "the Sussex County history fair"],
    "trap_es": ["pinchos de fruta", "huevos rancheros", "pan de cajeta", "agua de papaya", "tacos de cabeza",
                "la computación básica", "la reputación del equipo", "las familias de Culiacán",
                "la maestra Vergara", "el entrenador Cabrera", "el concurso de bichos de ciencias",
                "la clase de culinaria", "el cómputo de votos del consejo estudiantil", "sombreros de paja"],
    "biz": ["Harris Pizza", "Fareway", "Schnucks", "Kwik Star", "QC Coffee & Tea", "the Rock Island Brewing Co. lot",
            "Hy-Vee on 41st", "Walgreens on 16th", "Jack's Bar and Grill parking lot", "Dollar General on 7th"],
    "sport": ["football", "volleyball", "soccer", "basketball", "baseball", "softball", "hockey"],
    "sport_es": ["fútbol americano", "voleibol", "fútbol", "básquetbol", "béisbol", "sóftbol"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    "day_es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
    "month": ["September", "October", "November", "January", "February", "March", "April"],
    "month_es": ["septiembre", "octubre", "noviembre", "enero", "febrero", "marzo", "abril"],
    "grade": ["2nd graders", "3rd graders", "5th graders", "7th graders", "freshmen", "juniors", "seniors"],
    "grade_es": ["alumnos de segundo", "alumnos de tercero", "alumnos de quinto", "alumnos de séptimo",
                 "alumnos de noveno", "alumnos de grado 11", "alumnos de grado 12"],
    "link": ["https://www.molineschools.org/Page/2207", "https://docs.google.com/forms/d/e/1FAIpQLSe7Hn2Vt9Kd4Rb6Wm8Pq1Lz3Xc5/viewform",
             "https://www.signupgenius.com/go/70A0D4AADAB23A2FD0-winterconcert", "https://gofan.co/app/events/1320118",
             "https://www.youtube.com/watch?v=Lm4Qz8Rt2Xw", "https://www.ihsa.org/data/fb/records/index.htm"],
}

EN = [
    ("hen.isbn", "Lost textbook? The {grade} science book is ISBN 978-0-06-440055-8; a new copy is {money} at the office."),
    ("hen.order", "Spirit wear order #{order} shipped today. Pick-up is {day} from 3 to 5 p.m. at the front desk."),
    ("hen.ot", "{score_ot} in double overtime over {rival}! Nobody left the gym. What a game, Maroons."),
    ("hen.beat", "We beat {rival} {score} and the student section was on fire. {sport} plays again {day} at 7."),
    ("hen.slaughter", "JV {sport} slaughtered the scoring record tonight: {n} points in one half."),
    ("hen.bomb", "That last-second bomb from half court! Highlights from the {sport} game: {link}"),
    ("hen.trap", "This week in class: {trap_en}. Ask your kids about it at dinner!"),
    ("hen.trap2", "Thanks to the PTO for supplies for {trap_en}."),
    ("hen.place", "Field trip day: {grade} visit {place} on {day}, {month} {d}. Lunches are packed by the cafeteria."),
    ("hen.biz", "Spirit night at {biz} this {day}: show this post and {pct}% of sales go to the {school} band."),
    ("hen.dam", "Science class watched a barge lock through at Lock and Dam 15. 600 feet of barges, 110-foot chamber!"),
    ("hen.district", "Questions about winter break meals? Call the district at (309) 743-1600 or stop by 1619 11th Avenue, Moline."),
    ("hen.anniv", "{school} celebrates {age} years this {month}! Alumni, send us your class photos: {link}"),
    ("hen.born", "Fun fact for our {grade}: John Deere was born in 1804 in Rutland, Vermont, and moved his plow shop to Moline in 1848."),
    ("hen.bday_pet", "Happy birthday to Biscuit, our classroom guinea pig, who turns 3 on {month} {d}!"),
    ("hen.marathon", "Coach ran the Quad Cities Marathon in {h}:{mm}:{ss}. The {grade} want a rematch on the track."),
    ("hen.kill", "The {grade} absolutely killed their {sport} unit test. Average score {pct}%!"),
    ("hen.destroy", "Robotics team {team} destroyed their personal best: {n} points at the state qualifier."),
    ("hen.attack", "Attack the basket, trust your teammates, have fun. Good luck tonight, Maroons!"),
    ("hen.room", "Make-up testing is in room {room} on {day} from 7:15 to 7:55 a.m."),
    ("hen.bus", "Route {bus} will run 10 minutes early on {day} for the {place} trip."),
    ("hen.money", "The canned food drive raised {money_big} and {n} pounds of food. Thank you, Moline!"),
    ("hen.pages", "Read pages {p1}-{p2} of the novel and bring sticky notes {day}."),
    ("hen.tickets", "Playoff tickets are {money} online only: {link} No cash at the gate."),
    ("hen.reply", "Yes! Doors open at 6:15 and the show starts at 7."),
    ("hen.reply2", "We'll have extra seating in the balcony. See you {day}!"),
    ("hen.weather", "Due to the ice, {school} is on a 2-hour late start. Buses run 2 hours later than usual."),
    ("hen.hwy", "The I-74 bridge has one lane closed tonight; the band bus will take I-280 back from {rival}."),
]
ES = [
    ("hes.isbn", "¿Perdieron el libro? El libro de ciencias de {grade_es} es ISBN 978-0-06-440055-8; uno nuevo cuesta {money} en la oficina."),
    ("hes.order", "El pedido de ropa escolar #{order} ya llegó. Pueden recogerlo el {day_es} de 3 a 5 p. m. en la recepción."),
    ("hes.ot", "¡{score_ot} en doble tiempo extra contra {rival}! Nadie se fue del gimnasio. ¡Qué partidazo!"),
    ("hes.paliza", "¡Les dimos una paliza a {rival}, {score}! El equipo de {sport_es} juega otra vez el {day_es}."),
    ("hes.pedazos", "¡Los hicimos pedazos! {score} contra {rival}. Felicidades a todo el equipo."),
    ("hes.trap", "Esta semana en la escuela: {trap_es}. ¡Pregúntenles a sus hijos!"),
    ("hes.trap2", "Gracias a la PTO por todo lo de {trap_es}."),
    ("hes.place", "Excursión: los {grade_es} visitan {place_es} el {day_es} {d} de {month_es}. La cafetería prepara los almuerzos."),
    ("hes.biz", "Noche escolar en {biz} este {day_es}: muestren esta publicación y el {pct} % de las ventas será para la banda."),
    ("hes.district", "¿Preguntas sobre las comidas de las vacaciones? Llamen al distrito al (309) 743-1600 o vengan a 1619 11th Avenue, Moline."),
    ("hes.anniv", "¡{school} cumple {age} años este {month_es}! Exalumnos, mándennos sus fotos de generación: {link}"),
    ("hes.born", "Dato curioso: John Deere nació en 1804 en Vermont y llegó a Moline en 1848 con su taller de arados."),
    ("hes.bday_pet", "¡Feliz cumpleaños a Galleta, el cuyo del salón, que cumple 3 años el {d} de {month_es}!"),
    ("hes.mataron", "Los {grade_es} se lucieron en el examen de la unidad: ¡promedio de {pct}!"),
    ("hes.room", "Los exámenes de reposición son en el salón {room} el {day_es} de 7:15 a 7:55 a. m."),
    ("hes.bus", "La ruta {bus} saldrá 10 minutos antes el {day_es} por la excursión."),
    ("hes.money", "¡La colecta de alimentos juntó {money_big} y {n} libras de comida! Gracias, Moline."),
    ("hes.pages", "Lean las páginas {p1} a {p2} de la novela y traigan notas adhesivas el {day_es}."),
    ("hes.tickets", "Los boletos de las eliminatorias cuestan {money} y solo se venden en línea: {link}"),
    ("hes.reply", "¡Sí! Las puertas abren a las 6:15 y el programa empieza a las 7."),
    ("hes.weather", "Por el hielo, {school} empieza 2 horas tarde. Los autobuses pasan 2 horas después de lo normal."),
    ("hes.hwy", "El puente de la I-74 tiene un carril cerrado esta noche; el autobús de la banda regresará por la I-280."),
]


def values(rng):
    v = {k: rng.choice(opts) for k, opts in S.items()}
    us, them = rng.randint(28, 56), rng.randint(3, 27)
    v.update({
        "score": f"{us}-{them}", "score_ot": f"{rng.randint(60, 90)}-{rng.randint(55, 59)}",
        "money": rng.choice(["$4", "$6", "$7.50", "$9", "$14", "$18.95"]),
        "money_big": rng.choice(["$2,318", "$4,460", "$455", "$1,075.50", "$9,120"]),
        "order": str(rng.randint(40000, 99999)), "n": str(rng.choice([455, 312, 1480, 96, 2250])),
        "pct": str(rng.randint(12, 96)), "d": str(rng.randint(1, 28)), "age": str(rng.choice([25, 50, 60, 75, 100])),
        "h": "3", "mm": f"{rng.randint(10, 59):02d}", "ss": f"{rng.randint(10, 59):02d}",
        "team": str(rng.choice([8696, 12241, 455, 4646])), "room": str(rng.choice([455, 137, 226, 318, 2114])),
        "bus": str(rng.choice([3, 11, 19, 27, 455])), "p1": str(rng.choice([41, 118, 205, 455])),
    })
    v["p2"] = str(int(v["p1"]) + rng.choice([12, 20, 33]))
    return v


def build() -> list[dict]:
    rng = random.Random(SEED)
    rows, seen = [], set()
    for lang, templates in (("en", EN), ("es", ES)):
        for template_id, template in templates:
            for _ in range(PER_TEMPLATE):
                v = values(rng)
                text = re.sub(r"\{(\w+)\}", lambda m: v[m.group(1)], template)
                if text in seen:
                    continue
                seen.add(text)
                site, surface = rng.choice([("facebook", "post"), ("facebook", "comment"), ("x", "post"), ("instagram", "post")])
                rows.append({"id": f"hclean-{len(rows) + 1:04d}", "lang": lang, "text": text, "site": site,
                             "surface": surface, "template": template_id})
    return rows


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    spanish = sum(r["lang"] == "es" for r in rows)
    print(f"wrote {len(rows)} held-out clean posts ({spanish} Spanish, {spanish / len(rows):.0%}) to {OUT}")


if __name__ == "__main__":
    main()
