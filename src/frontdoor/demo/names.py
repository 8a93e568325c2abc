"""Synthetic name and place lists for demo data. Common English names; no real people or places."""

FIRST_NAMES_F = [
    "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia", "Grace",
    "Freya", "Willow", "Evie", "Ella", "Poppy", "Emily", "Ruby", "Chloe", "Jessica", "Aisha", "Zara",
    "Maryam", "Hannah", "Leah", "Niamh", "Megan", "Katie", "Sarah", "Laura", "Rebecca", "Charlotte",
    "Elizabeth", "Katherine", "Margaret", "Jennifer", "Victoria", "Abigail", "Samantha", "Nadia",
]
FIRST_NAMES_M = [
    "Noah", "Oliver", "George", "Arthur", "Muhammad", "Leo", "Harry", "Oscar", "Archie", "Henry",
    "Theodore", "Freddie", "Jack", "Charlie", "Thomas", "Alfie", "Jacob", "Joshua", "James", "William",
    "Daniel", "Samuel", "Joseph", "Benjamin", "Robert", "Michael", "Matthew", "Ryan", "Kyle", "Tyler",
    "Connor", "Ethan", "Mason", "Liam", "Adam", "Ibrahim", "Yusuf", "Kai", "Jayden", "Callum",
]
LAST_NAMES = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
    "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
    "Patel", "Khan", "Lewis", "James", "Phillips", "Mason", "Mitchell", "Rose", "Davis", "Rodriguez",
    "Cox", "Alexander", "Morris", "Ward", "Turner", "Hughes", "Edwards", "Collins", "Stewart", "Morgan",
    "Bell", "Murphy", "Bailey", "Cooper", "Richardson", "Cook", "Howard", "Kelly", "Price", "Begum",
    "Hussain", "Ahmed", "Ali", "Nowak", "Kowalski", "Okafor", "Mensah", "O'Brien", "Fletcher", "Barker",
]
STREETS = [
    "Acacia Avenue", "Beech Road", "Cedar Close", "Damson Way", "Elm Grove", "Foxglove Lane",
    "Garden Street", "Hawthorn Drive", "Ivy Terrace", "Juniper Court", "Kestrel Rise", "Larch Walk",
    "Maple Crescent", "Nightingale Road", "Orchard Place", "Poplar Street", "Quarry Lane",
    "Rowan Gardens", "Sycamore Way", "Thistle Road", "Upland View", "Vale Street", "Willow Bank",
]
TOWNS = ["Demoton", "Exampleford", "Sampleby", "Mockbridge", "Testwich"]
# Postcode districts in the shape of real ones; there is no "DM" postcode area in the UK.
POSTCODE_AREAS = ["DM1", "DM2", "DM3", "DM4", "DM5", "DM9"]
SCHOOLS = [
    "Demoton Primary School", "Exampleford Academy", "St Sample's CE Primary", "Mockbridge High School",
    "Testwich Community College", "Sampleby Infant School", "Oakfield Junior School", "Riverside Academy",
]
