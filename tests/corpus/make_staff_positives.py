"""Writes tests/corpus/staff_positives.jsonl: risky drafts the way Quad Cities school staff might
write them, in English and Spanish, each labelled with the categories (CONTRACTS.md) it must raise.

Rows are split into a "tune" half and a "held-out" half by template: all of a template's rows are in
one half, so a rule tuned on one phrasing is measured on phrasings it was not tuned on. Within each
(first category, language) group the templates alternate tune, held-out, tune, ... in the order
written here. Deterministic (fixed seed). Run: python3 tests/corpus/make_staff_positives.py

People, house numbers, phone numbers and dates are invented; street names are the real numbered
streets and avenues of Moline, Rock Island and East Moline (see SOURCES.md).
"""
from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from pathlib import Path

SEED = 20261203
OUT = Path(__file__).resolve().parent / "staff_positives.jsonl"
PER_TEMPLATE = 6

ZW = "\u200b"   # zero-width space

S = {
    "student": ["Sofia Martinez", "Diego Hernandez", "Camila Lopez", "Mateo Garcia", "Valeria Rodriguez",
                "Luis Ramirez", "Emma Johnson", "Liam Anderson", "Noah Peterson", "Ava Nelson", "Jayden Smith",
                "Aaliyah Brown", "Ethan Nguyen", "Isabella Gonzalez", "Carlos Flores", "Ximena Torres",
                "Brayden Olson", "Mia Carlson"],
    "first": ["Sofia", "Diego", "Camila", "Mateo", "Valeria", "Luis", "Emma", "Liam", "Noah", "Ava", "Jayden",
              "Aaliyah", "Ethan", "Isabella", "Carlos", "Ximena", "Brayden", "Mia"],
    "street": ["14th Street Place", "38th St", "23rd Avenue A", "7th Ave", "Avenue of the Cities", "John Deere Rd",
               "41st Street", "15th Street A", "27th Avenue Court", "12th Ave", "53rd Street", "19th Street",
               "4th Avenue", "30th Street", "18th Avenue", "11th Street", "John Deere Road", "16th Avenue A",
               "44th St", "9th Avenue Court"],
    "city_zip": ["Moline, IL 61265", "Rock Island, IL 61201", "East Moline, IL 61244", "Coal Valley, IL 61240",
                 "Milan, IL 61264", "Silvis, IL 61282", "Moline IL 61265", "Rock Island 61201"],
    "city": ["Moline", "Rock Island", "East Moline", "Coal Valley", "Silvis"],
    "month_es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                 "octubre", "noviembre", "diciembre"],
    "month_en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December"],
    "month_abbr": ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
    "lookalike": ["faceb00k-security.com", "faceb00k-login.net", "instagrarn-help.com", "paypa1-verify.net",
                  "g00gle-drive-share.com", "rnolineschools-login.org", "micr0soft-account-support.com",
                  "app1e-id-verify.com", "tvvitter-support.com", "faceb0ok-recovery.com", "1nstagram-verify.net",
                  "paypaI-secure-login.com", "molinesch00ls-portal.org", "g00gle-docs-share.net"],
    "path": ["/login", "/verify?id=8832", "/recover/account", "/secure/update", "/help/center", "/checkpoint"],
    "district_en": ["Moline-Coal Valley", "this district", "MCV", "District 40", "Rock Island-Milan"],
    "district_es": ["Moline-Coal Valley", "Este distrito", "El distrito 40", "Rock Island-Milan"],
    "board_en": ["school board", "Board of Education", "MCV board", "Rock Island school board"],
    "board_es": ["La Junta Escolar", "La Junta de Educación", "La mesa directiva del distrito"],
    "school_en": ["this school", "Moline High", "John Deere Middle", "Wilson", "Hamilton", "Rock Island High"],
    "school_es": ["esta escuela", "Moline High", "John Deere Middle", "Wilson", "Hamilton", "la primaria Logan"],
    "rival": ["Rock Island", "United Township", "Alleman", "Quincy", "Galesburg", "Sterling"],
    "highway": ["I-74", "I-280", "John Deere Road", "IL-5", "Avenue of the Cities"],
    "period": ["1st", "2nd", "3rd", "4th", "6th", "7th"],
    "subject": ["math", "reading", "science", "Algebra 1", "English 10", "biology"],
    "subject_es": ["matemáticas", "lectura", "ciencias", "Álgebra 1", "inglés", "biología"],
}


FEMALE = {"Sofia", "Camila", "Valeria", "Emma", "Ava", "Aaliyah", "Isabella", "Ximena", "Mia"}


def phone(rng):
    area = rng.choice(["309", "563"])
    return area, str(rng.randint(200, 989)), f"{rng.randint(0, 9999):04d}"


DIGITS_EN = "zero one two three four five six seven eight nine".split()
DIGITS_ES = "cero uno dos tres cuatro cinco seis siete ocho nueve".split()


def values(rng) -> dict:
    a, b, c = phone(rng)
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1962, 1999)
    kid_year = rng.randint(2008, 2019)
    house = str(rng.choice([rng.randint(100, 999), rng.randint(1000, 5999)]))
    v = {k: rng.choice(opts) for k, opts in S.items()}
    fullwidth = str.maketrans("0123456789", "０１２３４５６７８９")
    v.update({
        "house": house, "phone": f"{a}-{b}-{c}", "phone_paren": f"({a}) {b}-{c}",
        "phone_spaced": " ".join(a + b + c), "phone_dots": f"{a}.{b}.{c}",
        "phone_words_en": " ".join(DIGITS_EN[int(d)] for d in a + b + c),
        "phone_words_es": " ".join(DIGITS_ES[int(d)] for d in a + b + c),
        "phone_mixed": f"{a} {' '.join(DIGITS_EN[int(d)] for d in b)} {c}",
        "phone_zw": f"{a}-{b}-{c[:2]}{ZW}{c[2:]}", "phone_fw": f"{a}-{b}-{c}".translate(fullwidth),
        "phone_emoji": f"{a}-{b}-{c[:2]}\U0001F4DE{c[2:]}",
        "house_fw": house.translate(fullwidth),
        "intl_mx": f"+52 1 {rng.choice(['55', '33', '81'])} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
        "intl_gt": f"+502 {rng.randint(3000, 5999)} {rng.randint(1000, 9999)}",
        "intl_hn": f"+504 {rng.randint(3000, 9999)}-{rng.randint(1000, 9999)}",
        "intl_uk": f"+44 7{rng.randint(400, 999)} {rng.randint(100000, 999999)}",
        "dob_es": f"{day} de {S['month_es'][month - 1]} de {year}", "kid_dob_es": f"{day} de {S['month_es'][month - 1]} de {kid_year}",
        "dob_en": f"{S['month_en'][month - 1]} {day}, {year}",
        "dob_slash": f"{day:02d}/{month:02d}/{year}" if day > 12 else f"{day + 12:02d}/{month:02d}/{year}",
        "dob_dash": f"{max(day, 13)}-{month:02d}-{year}", "dob_dot": f"{max(day, 13)}.{month:02d}.{year}",
        "dob_mon": f"{max(day, 13)}-{S['month_abbr'][month - 1]}-{year}",
        "ssn_dot": f"{rng.randint(100, 665)}.{rng.randint(10, 99)}.{rng.randint(1000, 9999)}",
        "ssn": f"{rng.randint(100, 665)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
        "grade_n": str(rng.randint(2, 11)),
    })
    for who in ("first", "student"):   # pronouns and Spanish endings that agree with the name drawn
        female = v[who].split()[0] in FEMALE
        v.update({f"{who}_he": "she" if female else "he", f"{who}_him": "her" if female else "him",
                  f"{who}_his": "her" if female else "his", f"{who}_o": "a" if female else "o"})
    return v


# (id, lang, expect, text). The first category names the group for the half split.
T = [
    # --- addresses
    ("addr.en.live_at", "en", ["pii.address"], "If anyone has extra costumes, I live at {house} {street}, {city_zip}. Just leave them on the porch."),
    ("addr.en.drop_off", "en", ["pii.address"], "You can drop the signed forms at my house, {house} {street}, any time after 4."),
    ("addr.en.no_city", "en", ["pii.address"], "Party for the cast at my place Saturday! {house} {street}. Bring a snack."),
    ("addr.en.student_lives", "en", ["pii.address"], "{student} lives at {house} {street} in {city}, so {student_he} can walk to practice."),
    ("addr.en.pickup", "en", ["pii.address"], "Carpool: I'll pick the girls up at {house} {street}, {city}, at 6:15 a.m."),
    ("addr.en.moved", "en", ["pii.address"], "We moved! New address is {house} {street} {city_zip} if you want to send a Christmas card."),
    ("addr.en.mail", "en", ["pii.address"], "Mail the check to me at {house} {street}, {city_zip}, made out to the booster club."),
    ("addr.es.direccion", "es", ["pii.address"], "Mi dirección es {house} {street}, {city_zip}. Ahí pueden dejar las donaciones."),
    ("addr.es.vivo_en", "es", ["pii.address"], "Vivo en {house} {street}, cerca de la escuela. Pasen por los uniformes el sábado."),
    ("addr.es.mi_casa", "es", ["pii.address"], "La reunión de mamás es en mi casa en {house} {street} el viernes a las 6."),
    ("addr.es.casa_esta", "es", ["pii.address"], "Mi casa está en el {house} de la {street}, en {city}. Toquen fuerte porque el timbre no sirve."),
    ("addr.es.alumno_vive", "es", ["pii.address"], "{student} vive en {house} {street}, {city_zip}, con su abuela."),
    ("addr.es.dejar", "es", ["pii.address"], "Pueden dejar los tamales en {house} {street}, {city}. Mi dirección también está en el grupo."),
    # --- phones
    ("phone.en.spaced", "en", ["pii.phone"], "Text me if you can't make it: {phone_spaced}"),
    ("phone.en.words", "en", ["pii.phone"], "My cell is {phone_words_en}, call after 5."),
    ("phone.en.mixed", "en", ["pii.phone"], "Call me at {phone_mixed} if the bus is late."),
    ("phone.en.whatsapp", "en", ["pii.phone"], "Parents from the exchange trip, whatsapp me at {intl_mx} while we're in Guadalajara."),
    ("phone.en.signal", "en", ["pii.phone"], "For the chaperones: my Signal is {intl_uk}."),
    ("phone.en.telegram", "en", ["pii.phone"], "Telegram me at {intl_gt} and I'll add you to the group."),
    ("phone.en.text_dots", "en", ["pii.phone"], "Text {phone_dots} for the carpool list."),
    ("phone.en.call_intl", "en", ["pii.phone"], "Call me on {intl_hn} over break, I'm visiting family."),
    ("phone.en.my_phone", "en", ["pii.phone"], "My phone is {phone_paren}. Leave a message if I don't pick up."),
    ("phone.es.llamame", "es", ["pii.phone"], "Llámenme al {phone_spaced} si tienen dudas sobre el viaje."),
    ("phone.es.words", "es", ["pii.phone"], "Mi celular es {phone_words_es}, mándenme mensaje."),
    ("phone.es.whatsapp", "es", ["pii.phone"], "Mándenme un WhatsApp al {intl_mx} y los agrego al grupo de mamás."),
    ("phone.es.mi_numero", "es", ["pii.phone"], "Mi número es {phone}, llamen después de las 5."),
    ("phone.es.cel", "es", ["pii.phone"], "Pueden escribirme al cel {intl_gt}, estoy en Guatemala hasta el lunes."),
    ("phone.es.telefono", "es", ["pii.phone"], "Mi teléfono es el {phone_dots}. Cualquier cosa me avisan."),
    # --- birth dates
    ("dob.es.naci", "es", ["pii.birthdate"], "Nací el {dob_es} en Michoacán y llegué a Moline de niña."),
    ("dob.es.fecha", "es", ["pii.birthdate"], "Mi fecha de nacimiento es el {dob_es}, por si la necesitan para el formulario."),
    ("dob.es.alumno", "es", ["pii.birthdate"], "La fecha de nacimiento de {student} es el {kid_dob_es}."),
    ("dob.es.slash", "es", ["pii.birthdate"], "Fecha de nacimiento: {dob_slash}. Es para la credencial."),
    ("dob.en.slash", "en", ["pii.birthdate"], "For the background check form my date of birth is {dob_slash}."),
    ("dob.en.dash", "en", ["pii.birthdate"], "Reminder for HR: my dob is {dob_dash}, they had it wrong."),
    ("dob.en.dot", "en", ["pii.birthdate"], "I was born {dob_dot}, so yes, I remember the old Wharton Field House scoreboard."),
    ("dob.en.mon", "en", ["pii.birthdate"], "DOB: {dob_mon}. Please update my file."),
    ("dob.en.born", "en", ["pii.birthdate"], "I was born on {dob_en} at Trinity in Rock Island."),
    # --- SSN
    ("ssn.en.dotted", "en", ["pii.ssn"], "My social security number is {ssn_dot} if you need it for the payroll fix."),
    ("ssn.en.plain", "en", ["pii.ssn"], "SSN for the sub paperwork: {ssn}"),
    ("ssn.es.seguro", "es", ["pii.ssn"], "Mi número de seguro social es {ssn}, para el papeleo de nómina."),
    ("ssn.es.dotted", "es", ["pii.ssn"], "Seguro social: {ssn_dot}. Gracias por ayudarme con el formulario."),
    # --- student records (confidential)
    ("rec.en.iep", "en", ["confidential"], "{first} has an IEP for {subject}, so please give {first_him} extra time on the test."),
    ("rec.en.sped", "en", ["confidential"], "{student} is moving to the special education room for {subject} starting Monday."),
    ("rec.en.suspended", "en", ["confidential"], "{first} got suspended for three days after the fight in the cafeteria."),
    ("rec.en.grades", "en", ["confidential"], "{student}'s grades dropped to a D in {subject} this quarter."),
    ("rec.es.iep", "es", ["confidential"], "{first} tiene un IEP para {subject_es}, denle más tiempo en el examen."),
    ("rec.es.504", "es", ["confidential"], "Recuerden el plan 504 de {student} en la excursión."),
    ("rec.es.sped", "es", ["confidential"], "{student} está en educación especial desde segundo grado."),
    ("rec.es.suspendido", "es", ["confidential"], "{first} fue suspendid{first_o} tres días por pelear en el recreo."),
    ("rec.es.reprobo", "es", ["confidential"], "{first} reprobó {subject_es} otra vez."),
    ("rec.es.calificaciones", "es", ["confidential"], "Las calificaciones de {student} están muy bajas en {subject_es}."),
    # --- family circumstances of a named student
    ("fam.en.divorce", "en", ["confidential"], "Go easy on {first} this week, {first_his} parents are getting a divorce."),
    ("fam.en.custody", "en", ["confidential"], "{student}'s mom and dad are fighting over custody, so only mom can pick up."),
    ("fam.en.death", "en", ["confidential"], "{first}'s dad passed away on Sunday. Please be gentle with {first_him}."),
    ("fam.en.homeless", "en", ["confidential"], "{student} and {student_his} brother are homeless right now and sleeping in the car."),
    ("fam.en.foster", "en", ["confidential"], "{first} was just placed with a foster family in {city}."),
    ("fam.es.divorcio", "es", ["confidential"], "Tengan paciencia con {first}, sus papás se están divorciando."),
    ("fam.es.custodia", "es", ["confidential"], "Los papás de {student} están peleando la custodia en la corte."),
    ("fam.es.murio", "es", ["confidential"], "El papá de {first} falleció en un accidente el fin de semana, está muy triste."),
    ("fam.es.sin_casa", "es", ["confidential"], "La familia de {student} no tiene casa y están viviendo en el carro."),
    ("fam.es.foster", "es", ["confidential"], "{first} está en un hogar de crianza temporal desde octubre."),
    # --- failing / retention
    ("fail.en.failing", "en", ["confidential"], "{student} is failing three classes and will probably be held back."),
    ("fail.en.repeat", "en", ["confidential"], "{first} is going to repeat {grade_n}th grade next year."),
    ("fail.es.repetir", "es", ["confidential"], "{first} va a repetir el año, no pasó ninguna materia."),
    ("fail.es.reprobando", "es", ["confidential"], "{student} está reprobando {subject_es} y {subject_es}."),
    # --- medication / diagnoses
    ("med.en.adhd", "en", ["confidential"], "{first} forgot {first_his} ADHD medication again, that's why {first_he} was off the walls."),
    ("med.en.diag", "en", ["confidential"], "{student} was diagnosed with autism over the summer."),
    ("med.en.seizure", "en", ["confidential"], "{first} has seizures and takes Keppra at lunch, the nurse has it."),
    ("med.es.insulina", "es", ["confidential"], "{first} tiene diabetes y se pone insulina antes del almuerzo."),
    ("med.es.diag", "es", ["confidential"], "A {student} le diagnosticaron autismo el año pasado."),
    ("med.es.medicina", "es", ["confidential"], "{first} toma medicina para la depresión, por eso anda cansad{first_o}."),
    # --- shaming without swear words (harassment)
    ("shame.en.friends", "en", ["conduct.harassment"], "No wonder you have no friends, {first}."),
    ("shame.en.body", "en", ["conduct.harassment"], "{first}, you're too fat to run the mile, just walk it like always."),
    ("shame.en.uniform", "en", ["conduct.harassment"], "Look at {first} trying to fit in that uniform. Somebody get {first_him} a bigger size."),
    ("shame.en.group", "en", ["conduct.harassment"], "The kids in my {period} period are all hopeless, nobody would miss them if they dropped out."),
    ("shame.en.nobody", "en", ["conduct.harassment"], "Nobody on this team wants you here, {first}. Do us all a favor and quit."),
    ("shame.en.ugly", "en", ["conduct.harassment"], "With a face like that no wonder nobody asked you to homecoming."),
    ("shame.es.amigos", "es", ["conduct.harassment"], "Con razón no tienes amigos, {first}."),
    ("shame.es.gorda", "es", ["conduct.harassment"], "{first}, estás tan gord{first_o} que no cabes en el uniforme."),
    ("shame.es.nadie", "es", ["conduct.harassment"], "Nadie te quiere en el equipo, {first}. Mejor ya vete."),
    ("shame.es.inutil", "es", ["conduct.harassment"], "Eres un inútil, {first}, no sirves para nada."),
    ("shame.es.grupo", "es", ["conduct.harassment"], "Los de mi clase de {subject_es} son unos burros, no tienen remedio."),
    ("shame.es.idiota", "es", ["conduct.harassment"], "Cállate, {first}, eres un idiota, nadie te preguntó."),
    # --- degrading the district, Board, staff or students
    ("deg.en.worst", "en", ["conduct.degrading"], "Honestly {district_en} is the worst school district in Illinois and everybody knows it."),
    ("deg.en.board", "en", ["conduct.degrading"], "The {board_en} is a joke. Clueless people who have never set foot in a classroom."),
    ("deg.en.admin", "en", ["conduct.degrading"], "The administrators at {school_en} are lazy and incompetent, and the principal is the worst of them."),
    ("deg.en.students", "en", ["conduct.degrading"], "{city} kids these days are a lost cause. Half of them can't read."),
    ("deg.en.teachers", "en", ["conduct.degrading"], "The teachers at {school_en} are useless, they just collect a paycheck."),
    ("deg.es.peor", "es", ["conduct.degrading"], "{district_es} es el peor distrito escolar de Illinois, no tienen vergüenza."),
    ("deg.es.junta", "es", ["conduct.degrading"], "{board_es} es una vergüenza, son unos ineptos."),
    ("deg.es.maestros", "es", ["conduct.degrading"], "Los maestros de {school_es} son unos flojos que no hacen nada."),
    ("deg.es.alumnos", "es", ["conduct.degrading"], "Los alumnos de {school_es} no tienen remedio, son unos salvajes."),
    ("deg.es.director", "es", ["conduct.degrading"], "El director de {school_es} es un incompetente y el distrito es un desastre."),
    # --- Spanish profanity
    ("prof.es.pinche", "es", ["conduct.profanity"], "Qué pinche partido tan malo contra {rival}, los árbitros estaban ciegos."),
    ("prof.es.mierda", "es", ["conduct.profanity"], "La junta de maestros en {school_es} fue una mierda, tres horas para nada."),
    ("prof.es.chingada", "es", ["conduct.profanity"], "¡A la chingada con el horario nuevo de {school_es}!"),
    ("prof.es.pendejo", "es", ["conduct.profanity"], "El que estacionó su carro en la salida del autobús en {school_es} es un pendejo."),
    ("prof.es.cabron", "es", ["conduct.profanity"], "Está cabrón el tráfico en la {highway} hoy, voy a llegar tarde."),
    ("prof.es.puta", "es", ["conduct.profanity"], "Hijo de puta, otra vez se cayó el internet en {school_es}."),
    ("prof.es.verga", "es", ["conduct.profanity"], "Vete a la verga con tus quejas, {first}."),
    ("prof.es.culero", "es", ["conduct.profanity"], "El entrenador de {rival} es un culero."),
    # --- look-alike hosts: a character swap and a word
    ("link.en.verify", "en", ["link.lookalike"], "Staff: you have to verify your account before Friday or it gets locked: https://{lookalike}{path}"),
    ("link.en.bare", "en", ["link.lookalike"], "Reposting for the parents group: {lookalike}{path}"),
    ("link.en.prize", "en", ["link.lookalike"], "Somebody sent me this, is it real? https://www.{lookalike}{path} says we won a Chromebook cart."),
    ("link.es.verificar", "es", ["link.lookalike"], "Entren aquí para verificar su cuenta antes del viernes: https://{lookalike}{path}"),
    ("link.es.bare", "es", ["link.lookalike"], "Compartan con las familias: {lookalike}{path}"),
    ("link.es.premio", "es", ["link.lookalike"], "¿Esto es real? Dice que ganamos un premio: https://www.{lookalike}{path}"),
    # --- bad input: the same answer as the plain form
    ("bad.en.zw_phone", "en", ["pii.phone"], "Call me at {phone_zw} tonight."),
    ("bad.en.fw_phone", "en", ["pii.phone"], "My cell is {phone_fw}."),
    ("bad.en.emoji_phone", "en", ["pii.phone"], "Text me {phone_emoji} about the carpool."),
    ("bad.en.fw_address", "en", ["pii.address"], "I live at {house_fw} {street}, {city_zip}."),
    ("bad.en.zw_word", "en", ["conduct.harassment"], "No wonder you have no fr\u200biends, {first}."),
    ("bad.en.zw_iep", "en", ["confidential"], "{first} has an I\u200bE\u200bP for {subject}."),
    ("bad.es.zw_phone", "es", ["pii.phone"], "Llámame al {phone_zw} en la noche."),
    ("bad.es.fw_phone", "es", ["pii.phone"], "Mi celular es {phone_fw}."),
    ("bad.es.emoji_phone", "es", ["pii.phone"], "Mándame mensaje al {phone_emoji}."),
    ("bad.es.fw_address", "es", ["pii.address"], "Vivo en {house_fw} {street}, {city_zip}."),
    ("bad.es.zw_word", "es", ["conduct.profanity"], "Qué pin\u200bche tráfico en la {highway}."),
    ("bad.es.zw_record", "es", ["confidential"], "{first} fue sus\u200bpendid{first_o} por pelear."),
    # --- more degrading and shaming phrasings (added last, so the rows above keep their text and half)
    ("deg.en.coaches", "en", ["conduct.degrading"], "The coaching staff at {school_en} are a bunch of clowns who couldn't coach T-ball."),
    ("deg.en.animals", "en", ["conduct.degrading"], "Half the kids at {school_en} are animals, honestly."),
    ("deg.en.joke", "en", ["conduct.degrading"], "{district_en} is a joke of a district. Nobody with a brain would send their kids there."),
    ("deg.en.principal", "en", ["conduct.degrading"], "The principal at {school_en} is a clueless fool and everyone on staff knows it."),
    ("deg.es.entrenadores", "es", ["conduct.degrading"], "Los entrenadores de {school_es} son unos payasos que no saben nada."),
    ("deg.es.animales", "es", ["conduct.degrading"], "Los niños de {school_es} son unos animales, así de simple."),
    ("deg.es.chiste", "es", ["conduct.degrading"], "{district_es} es un chiste de distrito; nadie con dos dedos de frente manda a sus hijos ahí."),
    ("deg.es.directora", "es", ["conduct.degrading"], "La directora de {school_es} es una inútil y todo el personal lo sabe."),
    ("shame.en.loser", "en", ["conduct.harassment"], "You're such a loser, {first}. Nobody wants to sit with you at lunch."),
    ("shame.en.dumb_group", "en", ["conduct.harassment"], "My {period} period kids are too dumb to learn anything. Why do I even bother with them."),
]


def halves() -> dict:
    """Templates alternate tune / held-out within each (first category, language, bad-input or not) group."""
    groups, half = defaultdict(int), {}
    for template_id, lang, expect, _ in T:
        key = (expect[0], lang, template_id.startswith("bad."))
        half[template_id] = "tune" if groups[key] % 2 == 0 else "held-out"
        groups[key] += 1
    return half


def build() -> list[dict]:
    rng = random.Random(SEED)
    half = halves()
    rows, seen = [], set()
    for template_id, lang, expect, template in T:
        for _ in range(PER_TEMPLATE):
            v = values(rng)
            text = re.sub(r"\{(\w+)\}", lambda m: v[m.group(1)], template)
            if text in seen:
                continue
            seen.add(text)
            site, surface = rng.choice([("facebook", "post"), ("facebook", "comment"), ("x", "post"),
                                        ("instagram", "comment")])
            rows.append({"id": f"pos-{len(rows) + 1:04d}", "lang": lang, "text": text, "site": site,
                         "surface": surface, "template": template_id, "expect": expect, "half": half[template_id]})
    return rows


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    tune = sum(r["half"] == "tune" for r in rows)
    print(f"wrote {len(rows)} rows ({tune} tune, {len(rows) - tune} held-out) to {OUT}")


if __name__ == "__main__":
    main()
