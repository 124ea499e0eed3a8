"""Writes tests/corpus/clean_posts.jsonl: posts that Quad Cities school staff write every week
(Moline-Coal Valley and its neighbours), in English and in Spanish, none of which should raise a
warn/block finding. Deterministic (fixed seed): running it again writes the same file.

The names of schools, places, businesses, roads and events are real and public (tests/corpus/SOURCES.md);
the sentences are written from templates, never copied. Run: python3 tests/corpus/make_clean_posts.py
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

SEED = 20261202
OUT = Path(__file__).resolve().parent / "clean_posts.jsonl"
HAND = Path(__file__).resolve().parent / "clean_posts_hand.txt"   # posts written by hand, appended after the generated ones
PER_TEMPLATE = 9        # variants drawn per template (duplicates dropped)

# The district's own public contact details (shared_rules/district.json).
DISTRICT_PHONE = "(309) 743-1600"
DISTRICT_PHONE_DOTS = "309-743-1600"
DISTRICT_ADDRESS = "1619 11th Avenue, Moline, IL 61265"

SLOTS = {
    "elem": ["Jane Addams Elementary", "Bicentennial Elementary", "Butterworth Elementary", "Franklin Elementary",
             "Hamilton Elementary", "Lincoln-Irving Elementary", "Logan Elementary", "Roosevelt Elementary",
             "Washington Elementary", "Willard Elementary"],
    "mid": ["John Deere Middle School", "Wilson Middle School"],
    "school": ["Moline High School", "MHS", "John Deere Middle School", "Wilson Middle School", "Coolidge Campus",
               "Hamilton Elementary", "Franklin Elementary", "Logan Elementary", "Bicentennial Elementary",
               "Jefferson Early Learning Center", "Willard Elementary", "Roosevelt Elementary"],
    "rival": ["Rock Island", "United Township", "Alleman", "Quincy", "Galesburg", "Sterling", "Geneseo",
              "Davenport North", "Pleasant Valley", "Bettendorf", "Rock Island Rocks", "UT Panthers"],
    "venue": ["Wharton Field House", "Browning Field", "the Bartlett Performing Arts Center", "the MHS Fieldhouse",
              "Soule Bowl", "Public Schools Stadium", "the Vibrant Arena at The MARK", "the Moline Public Library",
              "John Deere Commons", "Bass Street Landing", "Ben Butterworth Parkway", "Niabi Zoo",
              "the Quad City Botanical Center", "Black Hawk State Historic Site", "the Putnam Museum",
              "the Figge Art Museum", "the Family Museum", "Modern Woodmen Park", "Riverside Park",
              "the John Deere Pavilion", "Western Illinois University-Quad Cities", "Black Hawk College",
              "Augustana College", "the Butterworth Center", "SouthPark Mall"],
    "place_es": ["el Wharton Field House", "el Browning Field", "el Bartlett Performing Arts Center",
                 "la Biblioteca Pública de Moline", "el Niabi Zoo", "el Jardín Botánico de Quad City",
                 "el Putnam Museum", "el Family Museum", "el John Deere Pavilion", "Riverside Park",
                 "Black Hawk College", "la cafetería de la escuela", "el gimnasio", "la biblioteca de la escuela"],
    "sport": ["football", "volleyball", "girls basketball", "boys basketball", "soccer", "softball", "baseball",
              "wrestling", "cross country", "swim and dive", "tennis", "bowling", "track and field"],
    "game_sport": ["football", "girls basketball", "boys basketball", "soccer", "softball", "baseball", "volleyball"],
    "game_sport_es": ["fútbol americano", "básquetbol femenil", "básquetbol varonil", "fútbol", "sóftbol", "béisbol",
                      "voleibol"],
    "sport_es": ["fútbol americano", "voleibol", "básquetbol femenil", "básquetbol varonil", "fútbol", "sóftbol",
                 "béisbol", "lucha", "campo traviesa", "natación", "tenis", "atletismo"],
    "club": ["robotics", "FFA", "Scholastic Bowl", "speech team", "math team", "chess club", "Science Olympiad",
             "student council", "Key Club", "show choir", "jazz band", "orchestra", "marching band", "drama club"],
    "food": ["shiitake mushroom soup", "shrimp cocktail", "pancakes", "tacos", "chili", "pasta bar", "walnut brownies",
             "conchas and pan dulce", "a fruit cocktail cup", "pizza from Happy Joe's", "ice cream from Whitey's",
             "Lagomarcino's hot fudge"],
    "business": ["Hy-Vee on Avenue of the Cities", "Whitey's Ice Cream", "Happy Joe's", "Lagomarcino's",
                 "Dick's Sporting Goods", "Hancock Fabrics", "the John Deere Store", "Target on John Deere Road",
                 "Culver's", "Panera Bread", "Chipotle", "Jimmy John's", "Barnes & Noble", "Circa '21 Dinner Playhouse",
                 "the Celebration Belle", "the Channel Cat Water Taxi", "Theisen's", "Menards", "Fleet Farm"],
    "book": ["A Christmas Carol by Charles Dickens", "Great Expectations (Dickens)", "Hatchet", "Wonder",
             "The Giver", "Esperanza Rising", "Holes", "Because of Winn-Dixie", "Charlotte's Web",
             "The Outsiders", "Number the Stars", "Bud, Not Buddy", "El principito"],
    "trap_place": ["Hancock County", "Middlesex County", "Essex, England", "Scunthorpe", "Cockburn Town",
                   "Sussex", "Penistone", "Lightwater", "Cockburn Street in Edinburgh", "Dickens Avenue"],
    "highway": ["I-74", "I-280", "I-80", "I-88", "IL-5", "IL-92", "US-6", "IL-84"],
    "road": ["John Deere Road", "Avenue of the Cities", "River Drive", "7th Avenue", "16th Street",
             "53rd Street", "41st Street", "38th Street", "23rd Avenue", "12th Avenue", "Kennedy Drive",
             "Blackhawk Road", "19th Street"],
    "staff": ["Ms. Ramirez", "Mr. Peterson", "Mrs. Johnson", "Coach Thompson", "Mr. Nguyen", "Mrs. Garcia",
              "Ms. Olson", "Mr. Dvorak", "Sra. Hernández", "Mr. Hancock", "Mrs. Dickens", "Coach Cockburn",
              "Ms. Essex", "Mr. Middlesex"],
    "staff_es": ["la maestra Ramírez", "el maestro Peterson", "la Sra. Johnson", "el entrenador Thompson",
                 "la Sra. García", "el Sr. Nguyen", "la maestra Hernández", "la consejera Olson"],
    "month": ["August", "September", "October", "November", "December", "January", "February", "March",
              "April", "May"],
    "month_es": ["agosto", "septiembre", "octubre", "noviembre", "diciembre", "enero", "febrero", "marzo",
                 "abril", "mayo"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    "day_es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
    "grade": ["kindergarten", "1st grade", "2nd grade", "3rd grade", "4th grade", "5th grade", "6th grade",
              "7th grade", "8th grade", "freshman", "sophomore", "junior", "senior"],
    "grade_es": ["kínder", "primer grado", "segundo grado", "tercer grado", "cuarto grado", "quinto grado",
                 "sexto grado", "séptimo grado", "octavo grado", "noveno grado", "grado 10", "grado 11", "grado 12"],
    "subject": ["Algebra 1", "Geometry", "AP Biology", "Chemistry", "U.S. History", "English 10", "Spanish 3",
                "Physics", "Health", "Art 2", "Dual Credit English", "AP Calculus AB", "Economics"],
    "subject_es": ["Álgebra 1", "Geometría", "Biología", "Química", "Historia de EE. UU.", "Inglés 10",
                   "Español para hispanohablantes", "Física", "Arte 2", "Matemáticas", "Ciencias"],
    "club_es": ["robótica", "FFA", "oratoria", "ajedrez", "coro", "banda de jazz", "orquesta", "banda de marcha",
                "teatro", "consejo estudiantil", "Key Club"],
    "food_es": ["sopa de hongos shiitake", "coctel de camarón", "tacos de asada", "pozole", "enchiladas",
                "conchas y pan dulce", "coctel de frutas", "pizza de Happy Joe's", "helado de Whitey's",
                "tamales", "chili"],
    "sweary_word": ["assessment", "classic", "passage", "cocktail", "Dickens", "Hancock", "Middlesex",
                    "shiitake", "Scunthorpe", "Essex", "bassoon", "class assignment", "grape", "therapist-led yoga"],
}

LINK_KINDS = {
    "gofan": ["https://gofan.co/app/school/IL10474", "https://gofan.co/app/events/1284407",
              "https://gofan.co/app/events/1301952?schoolId=IL10474"],
    "youtube": ["https://www.youtube.com/watch?v=q3Xr7Lm2Pk8", "https://www.youtube.com/@MolineCoalValleySD/streams",
                "https://www.youtube.com/watch?v=Zb4Tn9Qe1Ws", "https://www.nfhsnetwork.com/schools/moline-high-school-moline-il"],
    "signup": ["https://www.signupgenius.com/go/10C0D4AABA82BA6FBC52-fall2026",
               "https://www.signupgenius.com/go/10C0F4CA9AE2CA4F94-conferences",
               "https://www.signupgenius.com/go/5080A48AFAE2BA1FD0-bakesale"],
    "form": ["https://docs.google.com/forms/d/e/1FAIpQLSfK3x7uQ2mW9aZp0Lr4bT6vN8cYh1dE5gJ/viewform",
             "https://docs.google.com/forms/d/e/1FAIpQLSd8Wq2Lr5Tn7Yb1Kc4Xm9Pz3Hv6Gj0Fa/viewform?usp=sf_link"],
    "doc": ["https://docs.google.com/document/d/1wX9kR2pL7mN4qS8tV0yB3cF6hJ5gD1aZ/edit?usp=sharing",
            "https://docs.google.com/spreadsheets/d/1Qm2Ls8Kx4Tv6Wb0Yc3Nd7Pf9Hg5Jr1Ze/edit",
            "https://docs.google.com/presentation/d/1aB3cD5eF7gH9iJ1kL3mN5oP7qR9sT1uV/edit"],
    "site": ["https://www.molineschools.org/calendar", "https://www.molineschools.org/domain/45",
             "https://www.molineschools.org/Page/1520", "https://www.molineschools.org/registration"],
}

LINKS = [
    "https://www.molineschools.org/calendar",
    "https://www.molineschools.org/domain/45",
    "https://www.molineschools.org/Page/1520",
    "https://www.molineschools.org/registration",
    "https://docs.google.com/forms/d/e/1FAIpQLSfK3x7uQ2mW9aZp0Lr4bT6vN8cYh1dE5gJ/viewform",
    "https://docs.google.com/document/d/1wX9kR2pL7mN4qS8tV0yB3cF6hJ5gD1aZ/edit?usp=sharing",
    "https://docs.google.com/spreadsheets/d/1Qm2Ls8Kx4Tv6Wb0Yc3Nd7Pf9Hg5Jr1Ze/edit",
    "https://docs.google.com/presentation/d/1aB3cD5eF7gH9iJ1kL3mN5oP7qR9sT1uV/edit",
    "https://www.signupgenius.com/go/10C0D4AABA82BA6FBC52-fall2026",
    "https://www.signupgenius.com/go/10C0F4CA9AE2CA4F94-conferences",
    "https://www.signupgenius.com/go/5080A48AFAE2BA1FD0-bakesale",
    "https://www.youtube.com/watch?v=q3Xr7Lm2Pk8",
    "https://www.youtube.com/@MolineCoalValleySD/streams",
    "https://www.youtube.com/watch?v=Zb4Tn9Qe1Ws",
    "https://gofan.co/app/school/IL10474",
    "https://gofan.co/app/events/1284407",
    "https://www.ihsa.org/Sports-Activities/Football/Scores-Results",
    "https://www.maxpreps.com/il/moline/moline-maroons/football/schedule/",
    "https://www.nfhsnetwork.com/schools/moline-high-school-moline-il",
    "https://www.niabizoo.com/events",
    "https://www.qcbotanicalcenter.org/events",
]

CITIES = ["Moline", "Rock Island", "East Moline", "Coal Valley", "Milan", "Silvis"]
CITIES_ES = ["Moline", "Rock Island", "East Moline", "Coal Valley", "Milan", "Silvis"]


def numbers(rng: random.Random) -> dict:
    """Numbers of the kinds staff write: rooms, buses, pages, money, scores, times, years, team numbers."""
    hours = rng.choice([7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6])
    mins = rng.choice(["00", "15", "30", "45", "05", "50"])
    us, them = rng.randint(21, 63), rng.randint(0, 20)
    founded = rng.choice([1873, 1901, 1915, 1926, 1951, 1958, 1976, 2001, 2016])
    return {
        "room": str(rng.choice([455, 455, 101, 112, 118, 204, 212, 231, 303, 316, 347, 402, 419, 455, 512, 1108, 2210])),
        "bus": str(rng.choice([4, 7, 9, 12, 14, 17, 21, 23, 31, 38, 42, 455, 56])),
        "page": str(rng.choice([12, 37, 88, 112, 145, 212, 233, 301, 455, 476])),
        "page2": str(rng.choice([14, 39, 90, 115, 150, 215, 240, 310, 460, 480])),
        "price": rng.choice(["$3", "$5", "$6", "$8", "$10", "$12.50", "$15", "$20", "$25"]),
        "money": rng.choice(["$5", "$8", "$10", "$12.50", "$25", "$40", "$75", "$150", "$1,250", "$3,450", "$12,800",
                             "$455", "$20.00", "$2"]),
        "amount": str(rng.choice([120, 455, 612, 1412, 2300, 3875, 870, 96])),
        "score": f"{us}-{them}", "us": str(us), "them": str(them),
        "time": f"{hours}:{mins}",
        "time_am": f"{rng.choice([7, 8, 9, 10])}:{mins}", "time_pm": f"{rng.choice([1, 2, 3, 4, 5, 6, 7])}:{mins}", "ampm": "a.m." if hours in (7, 8, 9, 10, 11) else "p.m.",
        "date": str(rng.randint(1, 28)), "num_date": f"{rng.randint(1, 12)}/{rng.randint(1, 28)}",
        "year": str(rng.choice([2026, 2027, 2028, 2029, 2030])), "school_year": rng.choice(["2026-27", "2026-2027", "2027-28"]),
        "team_no": str(rng.choice([2451, 5041, 7525, 16091, 21377, 455, 3928])),
        "count": str(rng.randint(12, 480)), "pct": str(rng.randint(60, 99)), "mins": str(rng.choice([10, 15, 20, 30, 45])),
        "founded": str(founded), "age": str(2026 - founded),
        "ext": str(rng.choice([1601, 1610, 1622, 1635, 1640])),
    }


# --- templates: (id, lang, site, surface, text). {slot} is filled from SLOTS or numbers().
EN = [
    ("en.bus_late", "Bus {bus} is running about {mins} minutes late this morning because of road work on {road}. Thanks for your patience!"),
    ("en.bus_route", "Route change: starting {day}, bus {bus} will pick up at the corner of {road} and {road2} instead. Questions? Call transportation at {district_phone}."),
    ("en.room_change", "Reminder: {subject} meets in room {room} this week while our classroom is being painted."),
    ("en.room_455", "Parent-teacher conferences for {grade} are in room {room}, {time} to 7:30 p.m. on {day}."),
    ("en.homework", "Homework for {subject}: read pages {page}-{page2} and answer questions 1-10. Due {day}."),
    ("en.page_ref", "We are on chapter 7 of {book}. Tonight, please read to page {page} and jot down two questions."),
    ("en.score_win", "FINAL: Maroons {score} over {rival}! What a night at {venue}. We smoked them in the second half!"),
    ("en.score_crushed", "Maroons {game_sport} crushed {rival} {score} tonight. The defense killed it all game long."),
    ("en.score_bury", "Film session at {time} {ampm} {day}. Our goal this week: bury the competition on the boards and box out."),
    ("en.score_killed", "Our {club} team killed it at the regional meet, placing 2nd of {count} teams. So proud!"),
    ("en.score_slaughter", "Tough loss to {rival}, {them}-{us}. We got beat up on the glass but we'll bounce back {day}."),
    ("en.score_destroy", "Scholastic Bowl went 5-1 on Saturday and destroyed the competition in the lightning round. Next meet {num_date}."),
    ("en.tickets", "Tickets for {sport} vs. {rival} on {day} are on GoFan only: {gofan} Adults {price}, students with ID free."),
    ("en.livestream", "Can't make it to {venue}? Watch the {game_sport} game live on YouTube: {youtube}"),
    ("en.signup", "We need volunteers for the {grade} field trip to {venue} on {month} {date}. Sign up here: {signup}"),
    ("en.signup2", "Conference sign-ups for {day}, {month} {date} are open: {signup} Slots are {mins} minutes."),
    ("en.form", "Please fill out the {school_year} transportation form by {month} {date}: {form}"),
    ("en.doc", "The {club} practice schedule for {month} is posted here: {doc}"),
    ("en.district_contact", "The district office at {district_address} is closed {day} for the holiday. Call {district_phone} on {day} for enrollment questions."),
    ("en.district_phone", "Questions about registration for {school_year}? Call the district office at {district_phone} or visit {site}"),
    ("en.district_phone2", "Snow day update: all {school} buildings are closed today. Watch for updates at {district_phone_dots} or on our website."),
    ("en.fundraiser", "Our {club} fundraiser at {business} raised {money} last night! Thank you, Moline!"),
    ("en.fundraiser2", "Spirit night at {business} this {day} from 4 to 8 p.m. Mention {school} and {pct}% of your order comes back to the PTO."),
    ("en.canned", "Our food drive collected {amount} cans for the River Bend Food Bank. The {grade} classes won the pizza party!"),
    ("en.highway", "Heads up: {highway} is down to one lane near the bridge this week. Leave {mins} minutes early for the {time} {ampm} start."),
    ("en.highway2", "The band bus leaves from door 5 at {time} {ampm} and takes {highway} to {venue}. Return around 9:45 p.m."),
    ("en.robotics", "FIRST Tech team {team_no} advances to state! They scored {amount} points in the final match at {venue}."),
    ("en.robotics2", "Team {team_no} is hosting a robotics open house in room {room} on {day}. All {grade} families welcome."),
    ("en.anniv_school", "Happy birthday, {school}! Our building opened in {founded} and turns {age} this year. Come celebrate on {month} {date}."),
    ("en.anniv_venue", "Wharton Field House was built in 1928. Join us {day} as we celebrate its birthday with a free open gym from {time} to 8 p.m."),
    ("en.anniv_district", "The first Moline Board of Education was formed in 1873. Help us celebrate 153 years of public schools in Moline!"),
    ("en.staff_bday", "Happy birthday to our amazing secretary, Mrs. Garcia! Stop by the office and wish her a great day."),
    ("en.event_date", "Save the date: the {grade} music program is {day}, {month} {date} at {time} p.m. at {venue}."),
    ("en.event_date2", "Picture day is {num_date}, retakes {month} {date}. Order online with code MCV{year}."),
    ("en.trap_county", "Pen pal update: our {grade} class is writing to a school in {trap_place} this semester!"),
    ("en.trap_food", "This week's staff lunch: {food}, salad and lemonade. Thank you, PTO!"),
    ("en.trap_food2", "Culinary class made {food} today and it was gone in {mins} minutes."),
    ("en.trap_words", "Reminder: the IAR assessment window opens {month} {date}. Students should bring a charged Chromebook and earbuds."),
    ("en.trap_passage", "In {subject} we analyzed a passage from {book} and wrote a classic five-paragraph essay."),
    ("en.trap_hancock", "Our Constitution Day activity: every student signed the class charter with a John Hancock flourish!"),
    ("en.trap_essex", "{staff} is back from a summer exchange in Essex and Scunthorpe and will share photos in room {room} on {day}."),
    ("en.trap_dickens", "The drama club presents A Christmas Carol by Charles Dickens, {month} {date}-{date2} at the Bartlett Performing Arts Center. Tickets {price}: {gofan}"),
    ("en.trap_cocktail", "Thank you to everyone who came to the retirement reception for {staff}! The mocktail bar was a hit."),
    ("en.trap_staffname", "Welcome {staff} to our {grade} team! Stop by room {room} to say hello."),
    ("en.trap_bassoon", "Band students: bassoon and oboe sectionals are {day} at {time} {ampm} in room {room}."),
    ("en.lunch_money", "Lunch accounts: a balance under {money} will get a reminder email. Breakfast is free for all students this year."),
    ("en.grades_window", "Quarter {q} grades post on the Skyward portal on {month} {date}. Contact your child's teacher with questions."),
    ("en.grades_gen", "Our {grade} classes improved their MAP reading scores by {pct}% this year. So proud of these readers!"),
    ("en.honor_roll", "The Quarter {q} honor roll for {school} is posted at {site}. Congratulations to all {count} students!"),
    ("en.game_week", "It's rivalry week! Maroons vs. {rival} {day} at {time} p.m. at {venue}. Wear maroon and white!"),
    ("en.senior_night", "Senior Night is {day} before the {game_sport} game vs. {rival}. Seniors and families line up at {time} p.m."),
    ("en.weather", "Due to lightning, the {game_sport} game vs. {rival} is moved to {day} at {time} p.m. Same place, same tickets."),
    ("en.concert", "The winter concert featuring {count} musicians is {day}, {month} {date} at 7 p.m. in the Bartlett Performing Arts Center."),
    ("en.library", "Our library checked out {amount} books in {month}! {grade} readers led the way."),
    ("en.kids_quote", "Overheard in {grade}: 'Is 455 a big number?' Yes! It's how many books we read this month."),
    ("en.math", "Math challenge: bus {bus} drives 14.5 miles a day. How far does it go in 180 school days? Answer on {day}."),
    ("en.money_math", "Our {grade} store is open: pencils 25 cents, erasers 50 cents, and bookmarks $1. Kids are learning to make change!"),
    ("en.field_trip", "The {grade} field trip to {venue} is {day}, {month} {date}. Buses leave at {time} {ampm} and return by 2:30 p.m. Cost: {price}."),
    ("en.parking", "Parking for graduation at the Vibrant Arena at The MARK is {price} per car. Doors open at {time} p.m. Exit onto River Drive after the ceremony."),
    ("en.job_fair", "The district job fair is {day}, {month} {date} from {time} to 6 p.m. at {district_address}. Apply at {site}"),
    ("en.ffa", "Our FFA chapter brought home {count} ribbons from the Mississippi Valley Fair. Congratulations!"),
    ("en.marathon", "{count} staff and students ran the Quad Cities Marathon on Sunday. Next stop: the Bix 7!"),
    ("en.vet", "Thank you to the Rock Island Arsenal soldiers who spoke to our {grade} classes for Veterans Day."),
    ("en.reply_thanks", "Thanks so much! We'll post the photos on {day}."),
    ("en.reply_time", "It starts at {time} {ampm} in room {room}. See you there!"),
    ("en.reply_link", "Here's the link to the signup: {signup}"),
    ("en.reply_score", "What a game! {score} and the defense was unreal. Go Maroons!"),
    ("en.reply_sick", "Our team was sick of losing to {rival}, and tonight they finally beat them {score}!"),
    ("en.tweet_short", "Maroons win {score}! \U0001F3C8 #MolinePride"),
    ("en.tweet_short2", "{us} points in the first half. Are you kidding me?! \U0001F525 #GoMaroons"),
    ("en.emoji_time", "\U0001F4DA Book fair {day}-{day2}, {time} a.m. to 4 p.m. in the library. Most books under {price}!"),
    ("en.cafeteria", "The cafeteria will serve {food} for the {grade} celebration lunch on {day}."),
    ("en.coal_valley", "Coal Valley families: the Niabi Zoo field trip is {day}. Pack a sack lunch and wear closed-toe shoes."),
    ("en.east_moline", "Congratulations to United Township and East Moline on a great game at Soule Bowl. Good luck in the playoffs!"),
    ("en.rock_island", "Good luck to our friends at Rock Island High School in the state tournament this weekend!"),
    ("en.conference_rank", "Final WB6 standings: Moline {us}-{them}. Proud of every player on this roster."),
    ("en.class_of", "Class of {year}: senior pictures are due to the yearbook by {month} {date}. Upload them here: {form}"),
    ("en.budget", "The Board approved the {school_year} budget of $96.4 million at Monday's meeting. Read the summary at {site}"),
    ("en.board_meeting", "The Board of Education meets {day} at 6 p.m. at {district_address}. The agenda is at {site}"),
    ("en.referendum", "Thank you, voters! The new athletic facility at MHS is on schedule to open in fall {year}."),
    ("en.directions", "Directions to the regional meet: take {highway} east to exit 5, then follow the signs to {venue}."),
    ("en.kill_phrase", "Our cross country team killed it at Detweiller Park: {count} personal records in one race!"),
    ("en.attack_phrase", "Attack the day, Maroons! Finals start {day}. Get some sleep and eat breakfast."),
    ("en.shoot_phrase", "Shoot for the stars: our {grade} class launched rockets on the football field today!"),
    ("en.dead_phrase", "We are dead serious about reading: {amount} minutes logged by our {grade} readers this week!"),
    ("en.crazy_phrase", "It was a crazy busy week in {grade}. Thank you, families, for sending in {count} boxes of tissues!"),
]

ES = [
    ("es.bus_late", "Estimadas familias: el autobús {bus} llegará unos {mins} minutos tarde esta mañana por obras en {road}. Gracias por su paciencia."),
    ("es.bus_route", "Cambio de ruta: a partir del {day_es}, el autobús {bus} recogerá a los estudiantes en la esquina de {road} y {road2}. Si tienen preguntas, llamen al distrito al {district_phone}."),
    ("es.room", "Les recordamos que las conferencias de {grade_es} serán en el salón {room}, de {time} a 7:30 p. m., el {day_es}."),
    ("es.homework", "Tarea de {subject_es}: leer las páginas {page} a {page2} y contestar las preguntas 1 a 10. Se entrega el {day_es}."),
    ("es.page_ref", "Estamos leyendo {book}. Esta noche lean hasta la página {page} y escriban dos preguntas en su cuaderno."),
    ("es.score_win", "¡FINAL: los Maroons ganaron {us} a {them} contra {rival}! ¡Qué noche en el Wharton Field House! ¡Los aplastamos en el segundo tiempo!"),
    ("es.score_crushed", "¡Nuestro equipo de {sport_es} arrasó con {rival}, {score}! La defensa estuvo increíble todo el partido."),
    ("es.score_killed", "¡El equipo de robótica se lució en la competencia regional y quedó en 2.º lugar de {count} equipos!"),
    ("es.score_loss", "Perdimos contra {rival} {them} a {us}, pero el equipo dejó todo en la cancha. ¡El {day_es} nos recuperamos!"),
    ("es.score_destroy", "¡Les pasamos por encima! Los Maroons vencieron a {rival} {score}. ¡Vamos, Maroons!"),
    ("es.tickets", "Los boletos para el partido de {game_sport_es} contra {rival} se venden solo en GoFan: {gofan} Adultos {price}; estudiantes con credencial, gratis."),
    ("es.livestream", "¿No pueden venir al partido? Véanlo en vivo en YouTube: {youtube}"),
    ("es.signup", "Necesitamos voluntarios para la excursión de {grade_es} a {place_es} el {date} de {month_es}. Inscríbanse aquí: {signup}"),
    ("es.signup2", "Ya pueden reservar su horario para las conferencias del {day_es} {date} de {month_es}: {signup} Cada cita dura {mins} minutos."),
    ("es.form", "Por favor, llenen el formulario de transporte para el ciclo escolar {school_year} antes del {date} de {month_es}: {form}"),
    ("es.doc", "El calendario de prácticas de {sport_es} para {month_es} está aquí: {doc}"),
    ("es.district_contact", "La oficina del distrito, en {district_address}, estará cerrada el {day_es} por el día festivo. Para inscripciones, llamen al {district_phone}."),
    ("es.district_phone", "¿Preguntas sobre la inscripción para {school_year}? Llamen a la oficina del distrito al {district_phone} o visiten {site}"),
    ("es.snow", "Aviso por nieve: hoy no hay clases en ninguna escuela del distrito. Más información al {district_phone_dots} y en nuestra página web."),
    ("es.fundraiser", "¡La recaudación de fondos de {club_es} en {business_es} juntó {money}! Gracias, Moline."),
    ("es.fundraiser2", "Noche de espíritu escolar en {business_es} este {day_es} de 4 a 8 p. m. Mencionen {school} y el {pct} % de su compra será para la PTO."),
    ("es.canned", "¡Juntamos {amount} latas de comida para el River Bend Food Bank! Los grupos de {grade_es} ganaron la fiesta de pizza."),
    ("es.highway", "Atención: la {highway} tiene un solo carril cerca del puente esta semana. Salgan {mins} minutos antes para llegar a las {time}."),
    ("es.robotics", "¡El equipo FIRST Tech {team_no} va al campeonato estatal! Anotaron {amount} puntos en la final."),
    ("es.anniv_school", "¡Feliz cumpleaños, {school}! Nuestro edificio abrió en {founded} y este año cumple {age} años. Celébrenlo con nosotros el {date} de {month_es}."),
    ("es.anniv_venue", "El Wharton Field House se construyó en 1928. ¡Este {day_es} celebramos su aniversario con gimnasio abierto y gratis!"),
    ("es.anniv_district", "La primera Junta de Educación de Moline se formó en 1873. ¡Celebremos 153 años de escuelas públicas en Moline!"),
    ("es.staff_bday", "¡Feliz cumpleaños a nuestra querida secretaria, la Sra. García! Pasen a la oficina a felicitarla."),
    ("es.event_date", "Aparten la fecha: el programa musical de {grade_es} es el {day_es} {date} de {month_es} a las {time} p. m. en {place_es}."),
    ("es.event_date2", "El día de fotos es el {num_date}; las repeticiones, el {date} de {month_es}. Pidan en línea con el código MCV{year}."),
    ("es.trap_computadora", "Recuerden cargar la computadora portátil (Chromebook) cada noche. Si se les olvida el cargador, hay préstamos en el salón {room}."),
    ("es.trap_reputacion", "Nuestro equipo de oratoria tiene muy buena reputación en la región: este año ganó {count} medallas."),
    ("es.trap_disputa", "En la clase de Historia analizamos la disputa de límites entre Illinois y Wisconsin. ¡Los estudiantes hicieron mapas increíbles!"),
    ("es.trap_putnam", "La excursión de {grade_es} al Putnam Museum es el {day_es}. El autobús sale a las {time} a. m."),
    ("es.trap_conchas", "Venta de pan dulce el {day_es}: conchas, orejas y cuernitos a {price} cada uno. ¡Todo lo recaudado es para la banda!"),
    ("es.trap_food", "El almuerzo del personal esta semana: {food_es}, ensalada y agua fresca. ¡Gracias, PTO!"),
    ("es.trap_pasaje", "En {subject_es} leímos un pasaje de {book} y escribimos un ensayo de cinco párrafos."),
    ("es.trap_evaluacion", "La ventana de la evaluación IAR abre el {date} de {month_es}. Los estudiantes deben traer su Chromebook cargada y audífonos."),
    ("es.trap_county", "¡Nuestro grupo de {grade_es} tiene amigos por correspondencia en {trap_place} este semestre!"),
    ("es.trap_staffname", "Demos la bienvenida a {staff_es}, que se une al equipo de {grade_es}. Pasen al salón {room} a saludar."),
    ("es.lunch", "Cuentas de almuerzo: si el saldo baja de {money}, recibirán un correo. El desayuno es gratis para todos los estudiantes este año."),
    ("es.grades_window", "Las calificaciones del trimestre {q} se publican en Skyward el {date} de {month_es}. Si tienen dudas, hablen con el maestro de su hijo."),
    ("es.grades_gen", "¡Los grupos de {grade_es} mejoraron sus resultados de lectura MAP en un {pct} % este año! Estamos muy orgullosos."),
    ("es.honor", "El cuadro de honor del trimestre {q} de {school} está en {site}. ¡Felicidades a los {count} estudiantes!"),
    ("es.game_week", "¡Es semana de rivalidad! Maroons contra {rival} el {day_es} a las {time} p. m. ¡Vístanse de guinda y blanco!"),
    ("es.weather", "Por los relámpagos, el partido de {game_sport_es} contra {rival} se pasa al {day_es} a las {time} p. m. Mismo lugar, mismos boletos."),
    ("es.concert", "El concierto de invierno, con {count} músicos, será el {day_es} {date} de {month_es} a las 7 p. m. en el Bartlett Performing Arts Center."),
    ("es.library", "¡La biblioteca prestó {amount} libros en {month_es}! Los lectores de {grade_es} fueron los campeones."),
    ("es.field_trip", "La excursión de {grade_es} a {place_es} es el {day_es} {date} de {month_es}. Los autobuses salen a las {time} a. m. y regresan a las 2:30 p. m. Costo: {price}."),
    ("es.parking", "El estacionamiento para la graduación en el Vibrant Arena at The MARK cuesta {price} por carro. Las puertas abren a las {time} p. m."),
    ("es.board", "La Junta de Educación se reúne el {day_es} a las 6 p. m. en {district_address}. La agenda está en {site}"),
    ("es.budget", "La Junta aprobó el presupuesto {school_year} de 96.4 millones de dólares. Lean el resumen en {site}"),
    ("es.kinder", "¡Ya está abierta la inscripción para kínder {school_year}! Los niños deben cumplir 5 años antes del 1 de septiembre. Más información: {site}"),
    ("es.dual", "La Academia de Lenguaje Dual tendrá una noche informativa el {day_es} a las {time} p. m. en {place_es}. ¡Los esperamos!"),
    ("es.reply_thanks", "¡Muchas gracias! Publicaremos las fotos el {day_es}."),
    ("es.reply_time", "Empieza a las {time} en el salón {room}. ¡Ahí nos vemos!"),
    ("es.reply_link", "Aquí está el enlace para inscribirse: {signup}"),
    ("es.reply_score", "¡Qué partidazo! {score} y la defensa estuvo brutal. ¡Vamos, Maroons!"),
    ("es.tweet", "¡Ganan los Maroons {score}! \U0001F3C8 #OrgulloMoline"),
    ("es.emoji", "\U0001F4DA Feria del libro del {day_es} al {day2_es}, de {time} a. m. a 4 p. m. en la biblioteca. ¡La mayoría de los libros cuestan menos de {price}!"),
    ("es.cafeteria", "La cafetería servirá {food_es} en el almuerzo de celebración de {grade_es} el {day_es}."),
    ("es.coal_valley", "Familias de Coal Valley: la excursión al Niabi Zoo es el {day_es}. Manden almuerzo y zapatos cerrados."),
    ("es.class_of", "Generación {year}: las fotos de graduación se entregan al anuario antes del {date} de {month_es}. Súbanlas aquí: {form}"),
    ("es.directions", "Para llegar a la competencia: tomen la {highway} hacia el este, salida 5, y sigan los letreros a {place_es}."),
    ("es.mata", "¡Nuestro equipo de campo traviesa la rompió en Detweiller Park: {count} récords personales en una sola carrera!"),
    ("es.matar", "Se mataron estudiando para los exámenes finales y se nota: ¡el {pct} % aprobó Álgebra 1 en el primer intento!"),
    ("es.bomba", "¡La feria de ciencias estuvo bomba! {count} proyectos y {amount} visitantes en {place_es}."),
    ("es.conferences_tip", "Consejo para las conferencias: traigan sus preguntas por escrito. Habrá intérpretes de español en el salón {room}."),
    ("es.math", "Reto de matemáticas: el autobús {bus} recorre 14.5 millas al día. ¿Cuántas millas recorre en 180 días de clases? La respuesta, el {day_es}."),
    ("es.marathon", "¡{count} maestros y estudiantes corrieron el Quad Cities Marathon el domingo! Próxima meta: la Bix 7."),
    ("es.vet", "Gracias a los soldados del Rock Island Arsenal que visitaron a los grupos de {grade_es} por el Día de los Veteranos."),
    ("es.supplies", "Lista de útiles para {grade_es}: 24 lápices del #2, 4 cuadernos de 70 hojas, 2 barras de pegamento y una caja de 24 crayones. Total aproximado: {price}."),
    ("es.job_fair", "La feria de empleo del distrito es el {day_es} {date} de {month_es}, de {time} a 6 p. m., en {district_address}. Solicitudes en {site}"),
]

SITES = [("facebook", "post"), ("facebook", "post"), ("facebook", "comment"), ("x", "post"), ("x", "comment"),
         ("instagram", "post"), ("instagram", "comment")]


def fill(template: str, rng: random.Random) -> str:
    # A time written with "p.m." is an afternoon or evening time; with "a.m.", a morning one.
    for pm in (" p.m.", " p. m."):
        template = template.replace("{time}" + pm, "{time_pm}" + pm)
    for am in (" a.m.", " a. m."):
        template = template.replace("{time}" + am, "{time_am}" + am)
    values = numbers(rng)
    for kind, links in LINK_KINDS.items():
        values[kind] = rng.choice(links)
    values.update({
        "district_phone": DISTRICT_PHONE, "district_phone_dots": DISTRICT_PHONE_DOTS,
        "district_address": DISTRICT_ADDRESS, "link": rng.choice(LINKS), "q": str(rng.randint(1, 4)),
    })
    for name, options in SLOTS.items():
        values[name] = rng.choice(options)
    values["business_es"] = re.sub(r"^the ", "el ", values["business"]).replace(" on ", " de ")
    values["road2"] = rng.choice([r for r in SLOTS["road"] if r != values["road"]])
    values["day2"] = rng.choice([d for d in SLOTS["day"] if d != values["day"]])
    values["day2_es"] = rng.choice([d for d in SLOTS["day_es"] if d != values["day_es"]])
    values["date2"] = str(min(28, int(values["date"]) + 2))
    text = re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], template)
    return re.sub(r"\b(a|de) el (?=[A-Z])", lambda m: "al " if m.group(1) == "a" else "del ", text)


# Templates taken out after review: a colleague's birthday is personal information the procedure
# names ("phone number, address, social security number, birthday"), so such a post is not clean.
# They still draw from the generator, so every other post (and its id) stays as it was.
WITHDRAWN = {"en.staff_bday", "es.staff_bday"}


def build() -> list[dict]:
    rng = random.Random(SEED)
    rows, seen, made = [], set(), 0
    for lang, templates in (("en", EN), ("es", ES)):
        for template_id, template in templates:
            for _ in range(PER_TEMPLATE):
                text = fill(template, rng)
                if text in seen:
                    continue
                seen.add(text)
                site, surface = rng.choice(SITES)
                made += 1
                if template_id not in WITHDRAWN:
                    rows.append({"id": f"clean-{made:04d}", "lang": lang, "text": text, "site": site,
                                 "surface": surface, "template": template_id})
    for lang, text in hand_posts():
        if text in seen:
            continue
        seen.add(text)
        site, surface = rng.choice(SITES)
        made += 1
        rows.append({"id": f"clean-{made:04d}", "lang": lang, "text": text, "site": site, "surface": surface,
                     "template": f"hand.{lang}"})
    return rows


def hand_posts() -> list[tuple[str, str]]:
    """(lang, text) of each post in clean_posts_hand.txt: one a line, "#" comments, "[es]"/"[en]" headings."""
    posts, lang = [], "en"
    for line in HAND.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line in ("[es]", "[en]"):
            lang = line[1:-1]
            continue
        posts.append((lang, line))
    return posts


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    spanish = sum(r["lang"] == "es" for r in rows)
    print(f"wrote {len(rows)} posts ({spanish} Spanish, {spanish / len(rows):.0%}) to {OUT}")


if __name__ == "__main__":
    main()
