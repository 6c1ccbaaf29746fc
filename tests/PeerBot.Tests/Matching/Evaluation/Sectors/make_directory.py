"""Builds the mixed evaluation directory of one part of the sector labels (dev or heldout).

The directory mixes the corporate titles of ../titles.csv, at companies, with that part's sector titles, each at
organizations of the kind it was labelled at (hospitals, school districts, cities, police and fire departments,
stores, restaurants, hotels, warehouses, plants, builders, charities, contact centers...). An organization shows
its kind the way real profiles do: sometimes in its industry, sometimes only in its name, sometimes in neither.
Every member gets a label (labels.csv, by member id): the label of the title at that kind of organization, so
"General Manager" at a hotel and at a restaurant are told apart by hand, not by the parser.

Titles that repeat a query's exact wording appear once only. Each query asked "as" a member gets that member and a
colleague at the same organization who holds the very role asked for (same email domain, same name with a
personal address, or the same domain under another spelling of the name): results must never show that colleague.

Run from this folder: python3 make_directory.py dev   (or heldout). Deterministic; the output is committed.
"""
import csv
import random
import sys
import uuid

part = sys.argv[1]
assert part in ("dev", "heldout")
rng = random.Random(20260113 if part == "dev" else 20260131)

corporate = list(csv.DictReader(open("../titles.csv", encoding="utf-8")))
titles = list(csv.DictReader(open(f"{part}/titles.csv", encoding="utf-8")))
queries = list(csv.DictReader(open(f"{part}/queries.csv", encoding="utf-8")))
wordings = {q["query"].strip().lower() for q in queries}

PLACES = ["Springfield", "Riverside", "Fairview", "Kingsbridge", "Maple Grove", "Oakham", "Westbury", "Lakewood", "Ashford",
          "Millbrook", "Cedar Falls", "Brookhaven", "Northgate", "Harlow", "Eastfield", "Pine Bluff", "Stonebridge", "Clearwater",
          "Redhill", "Greenock", "Bayview", "Elmwood", "Foxborough", "Hillcrest", "Marston", "Norwood", "Silverdale", "Wrexham"]

SETTINGS = {
    "hospital": (["{p} General Hospital", "St. {p} Medical Center", "{p} Health System", "{p} NHS Foundation Trust", "{p} Regional Medical Center"],
                 ["Healthcare", "Hospital & health care", "Health care", ""]),
    "clinic": (["{p} Family Clinic", "{p} Medical Group", "{p} Urgent Care", "{p} Dental Practice"], ["Healthcare", "Medical practice", ""]),
    "care-home": (["{p} Care Home", "{p} Senior Living", "{p} Nursing & Rehabilitation"], ["Healthcare", "Senior care", ""]),
    "pharmacy": (["{p} Pharmacy", "{p} Drug Stores", "{p} Chemists"], ["Pharmacy", "Healthcare", "Retail", ""]),
    "school": (["{p} High School", "{p} Elementary School", "{p} Academy", "{p} Grammar School", "{p} Middle School"],
               ["Education", "K-12 education", "Primary/secondary education", ""]),
    "school-district": (["{p} Unified School District", "{p} Public Schools", "{p} County Schools", "{p} Academy Trust"],
                        ["Education", "K-12 education", "Government", ""]),
    "university": (["University of {p}", "{p} State University", "{p} Community College", "{p} Institute of Technology"],
                   ["Higher education", "Education", ""]),
    "city": (["City of {p}", "{p} County", "Town of {p}", "{p} Borough Council", "{p} City Council"],
             ["Government", "Local government", "Government administration", "Public sector", ""]),
    "police": (["{p} Police Department", "{p} County Sheriff's Office", "{p} Police", "{p} Constabulary"],
               ["Government", "Public safety", "Law enforcement", ""]),
    "fire": (["{p} Fire Department", "{p} Fire Rescue", "{p} Fire and Rescue Service"], ["Government", "Public safety", "Emergency services", ""]),
    "ems": (["{p} EMS", "{p} Ambulance Service", "{p} Emergency Medical Services"], ["Public safety", "Healthcare", "Emergency services", ""]),
    "transit": (["{p} Transit Authority", "{p} Metro", "{p} Regional Transit", "{p} Buses"], ["Transportation", "Public transit", "Government", ""]),
    "retailer": (["{p} Outfitters", "{p} Supermarkets", "{p} Home & Garden", "{p} Department Stores", "{p} Market"],
                 ["Retail", "Grocery", "Consumer goods", ""]),
    "restaurant": (["{p} Bistro", "{p} Grill", "{p} Burger Co.", "{p} Restaurant Group", "{p} Pizza Kitchen"],
                   ["Restaurants", "Hospitality", "Food service", "Food & beverages", ""]),
    "hotel": (["{p} Grand Hotel", "{p} Resort & Spa", "{p} Inn", "{p} Hotels"], ["Hospitality", "Hotels", "Hospitality & travel", ""]),
    "warehouse": (["{p} Logistics", "{p} Distribution", "{p} Fulfillment", "{p} Freight"], ["Logistics", "Warehousing", "Transportation & logistics", ""]),
    "plant": (["{p} Manufacturing", "{p} Metalworks", "{p} Plastics", "{p} Packaging"], ["Manufacturing", "Food production", "Automotive", ""]),
    "construction": (["{p} Construction", "{p} Builders", "{p} Contractors", "{p} Homes"], ["Construction", "Building construction", "Real estate", ""]),
    "nonprofit": (["{p} Community Foundation", "{p} Food Bank", "Boys & Girls Club of {p}", "{p} Housing Trust", "{p} Family Services"],
                  ["Non-profit", "Nonprofit", "Charity", "Civic & social organization", ""]),
    "contact-center": (["{p} Contact Solutions", "{p} Customer Care", "{p} Teleservices"], ["Outsourcing", "Business services", "Telecom", ""]),
    "facilities": (["{p} Property Services", "{p} Facilities Management", "{p} Estates"], ["Facilities services", "Real estate", ""]),
    "consulting": (["{p} Consulting", "{p} Advisors", "{p} Strategy Partners"], ["Professional services", "Management consulting", ""]),
    "investment": (["{p} Capital", "{p} Equity Partners", "{p} Ventures"], ["Private equity", "Venture capital", "Investment management"]),
    "software": (["{p} Software", "{p} Labs", "{p} Systems"], ["Software", "SaaS", ""]),
    "bank": (["{p} Bank", "{p} Securities"], ["Banking", "Financial services"]),
    "pharma": (["{p} Pharmaceuticals", "{p} Biosciences"], ["Pharma & biotech", "Pharmaceuticals"]),
}
ORGS_PER_SETTING = 6

CORPORATE_WORDS = ["Acme", "Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Proseware", "Adatum", "Wingtip", "Woodgrove",
                   "Lucerne", "Margie", "Trey", "Alpine", "Coho", "Humongous", "Relecloud", "Southridge", "Bellows", "Fernhill"]
CORPORATE_SUFFIXES = ["Labs", "Group", "Systems", "Software", "Media", "Robotics", "Insurance", "Energy"]
CORPORATE_INDUSTRIES = ["Fintech", "Financial Services", "SaaS", "Software", "Media", "Energy", "Insurance", "Telecom", "Manufacturing", "Logistics"]
TIMEZONES = ["Europe/London", "Europe/Berlin", "America/New_York", "America/Chicago", "America/Los_Angeles", "Australia/Sydney", "UTC"]
TOPICS = ["staffing", "budgeting", "retention", "scheduling", "safety", "hiring", "training", "union relations", "community", "technology",
          "burnout", "compliance", "customer experience", "inspections", "grants", "overtime"]
FIRST = ["Ana", "Ben", "Chloe", "Dev", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kemi", "Luca", "Maya", "Nils", "Olga", "Priya",
         "Quinn", "Rafael", "Sara", "Tomás", "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zoë", "Amara", "Bruno", "Carmen", "Dmitri"]
LAST = ["Silva", "Okafor", "Müller", "Nakamura", "Rossi", "Kowalski", "Haddad", "Jensen", "O'Brien", "Patel", "García", "Novak",
        "Lindqvist", "Chen", "Dubois", "Abebe", "Moreau", "Santos", "Kaur", "Ivanova", "Nguyen", "Schmidt", "Costa", "Yilmaz"]
SIZES = [8, 35, 120, 180, 260, 430, 750, 900, 2500, 4200, 7000, 15000]


def slug(name):
    return "".join(c for c in name.lower() if c.isalnum())


orgs = {}
used = set()
for setting, (patterns, industries) in SETTINGS.items():
    orgs[setting] = []
    while len(orgs[setting]) < ORGS_PER_SETTING:
        name = rng.choice(patterns).format(p=rng.choice(PLACES))
        if name in used:
            continue
        used.add(name)
        orgs[setting].append({"name": name, "domain": slug(name) + ".example", "size": rng.choice(SIZES) + rng.randint(0, 5),
                              "industry": rng.choice(industries)})
corporate_orgs = []
while len(corporate_orgs) < 60:
    name = f"{rng.choice(CORPORATE_WORDS)} {rng.choice(CORPORATE_SUFFIXES)}"
    if name in used:
        continue
    used.add(name)
    corporate_orgs.append({"name": name, "domain": slug(name) + ".example", "size": rng.choice(SIZES) + rng.randint(0, 5),
                           "industry": rng.choice(CORPORATE_INDUSTRIES)})


issued = set()


def member_id():
    while True:
        candidate = new_id()
        if candidate not in issued:
            issued.add(candidate)
            return candidate


def new_id():
    kind = rng.random()
    if kind < 0.5:
        return "msteams:" + str(uuid.UUID(int=rng.getrandbits(128)))
    if kind < 0.85:
        team = "T" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(9))
        user = "U" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(10))
        return f"slack:{team}:{user}"
    return f"import:{rng.randint(10000, 99999)}"


def person(title, org, email_style="work", org_name=None, id_=None):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    local = f"{first}.{last}".lower().replace("'", "").replace(" ", "")
    if email_style == "work":
        email = f"{local}@{org['domain']}"
    elif email_style == "personal":
        email = f"{local}{rng.randint(1, 99)}@{rng.choice(['gmail.com', 'outlook.com'])}"
    else:
        email = ""
    return {
        "id": id_ or member_id(),
        "name": f"{first} {last}",
        "email": email,
        "title": title,
        "organization": org_name or org["name"],
        "org_size": str(org["size"]),
        "industry": org["industry"],
        "timezone": rng.choice(TIMEZONES),
        "topics": ";".join(rng.sample(TOPICS, rng.randint(0, 3))),
    }


def style():
    r = rng.random()
    return "work" if r < 0.8 else ("personal" if r < 0.95 else "none")


members, labels = [], []


def add(member, families, level):
    members.append(member)
    labels.append({"id": member["id"], "functions": families, "level": level})


for t in corporate:
    copies = 1 if t["title"].strip().lower() in wordings else rng.choice([1, 2, 2])
    for _ in range(copies):
        add(person(t["title"], rng.choice(corporate_orgs), style()), t["functions"], t["level"])

for t in titles:
    copies = 1 if t["title"].strip().lower() in wordings else rng.choice([2, 2, 3])
    for _ in range(copies):
        add(person(t["title"], rng.choice(orgs[t["setting"]]), style()), t["families"], t["level"])

for i, q in enumerate(q for q in queries if q["as"]):
    org = rng.choice(orgs[q["as_setting"]])
    add(person(q["as_title"], org, "work", id_=q["as"]), q["as_families"], q["as_level"])
    same_role = [t for t in titles if t["families"].split("|")[0] == q["family"] and t["level"] == q["level"]]
    if not same_role:
        continue
    near = [t for t in same_role if t["setting"] == q["as_setting"]] or same_role
    colleague = rng.choice(near)
    how = i % 3
    if how == 0:
        member = person(colleague["title"], org, "work")
    elif how == 1:
        member = person(colleague["title"], org, "personal", org_name=org["name"] + ", Inc.")
    else:
        member = person(colleague["title"], org, "work", org_name=org["name"] + " " + rng.choice(["(Main Office)", "HQ", "Holdings"]))
    add(member, colleague["families"], colleague["level"])

order = list(range(len(members)))
rng.shuffle(order)
columns = ["id", "name", "email", "title", "organization", "org_size", "industry", "timezone", "topics"]
with open(f"{part}/directory.csv", "w", encoding="utf-8", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(members[i] for i in order)
with open(f"{part}/labels.csv", "w", encoding="utf-8", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=["id", "functions", "level"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(labels[i] for i in order)
print(part, len(members), "members")
