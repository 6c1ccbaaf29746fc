"""Builds directory.csv, the evaluation directory, from the hand-labelled titles.csv and queries.csv.

Every profile's title comes from titles.csv, so every profile carries a hand-made label. Titles that
repeat a query's exact wording appear once only, so that word overlap alone cannot win. Each query
that searches "as" a member gets that member plus a colleague in the same organization holding the
very role asked for (same email domain, same organization name with a personal address, or the same
domain under another spelling of the name): results must never show that colleague.

Run from this folder: python3 make_directory.py (deterministic; the output is committed).
"""
import csv
import random
import uuid

rng = random.Random(20250301)

titles = list(csv.DictReader(open("titles.csv", encoding="utf-8")))
queries = list(csv.DictReader(open("queries.csv", encoding="utf-8")))
query_wordings = {q["query"].strip().lower() for q in queries}

ORG_WORDS = ["Acme", "Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Proseware", "Adatum", "Wingtip", "Woodgrove",
             "Lucerne", "Margie", "Trey", "Alpine", "Coho", "Fourth", "Graphic", "Humongous", "Wide World", "Blue Yonder",
             "Relecloud", "Southridge", "Consolidated", "Bellows", "Datum", "Fernhill", "Greenleaf", "Harbor", "Ironbark", "Juniper",
             "Kestrel", "Lakeshore", "Meridian", "Northstar", "Oakridge", "Pinecrest", "Quarry", "Redwood", "Silverline", "Tidewater"]
ORG_SUFFIXES = ["Labs", "Group", "Systems", "Health", "Bank", "Logistics", "Foods", "Energy", "Software", "Retail", "Media", "Partners", "Robotics", "Insurance"]
INDUSTRIES = ["Fintech", "Financial Services", "Healthcare", "Retail", "SaaS", "Manufacturing", "Logistics", "Media", "Energy", "Insurance", "Education", "Telecom"]
TIMEZONES = ["Europe/London", "Europe/Berlin", "Europe/Paris", "America/New_York", "America/Chicago", "America/Los_Angeles", "Asia/Singapore", "Australia/Sydney", "UTC"]
TOPICS = ["pricing", "hiring", "remote work", "AI adoption", "board reporting", "fundraising", "churn", "brand", "international expansion",
          "budgeting", "M&A", "security audits", "vendor management", "OKRs", "product-led growth", "cost cutting", "partnerships", "compliance",
          "onboarding", "forecasting", "diversity", "career growth", "automation", "customer research"]
FIRST = ["Ana", "Ben", "Chloe", "Dev", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kemi", "Luca", "Maya", "Nils", "Olga", "Priya", "Quinn",
         "Rafael", "Sara", "Tomás", "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zoë", "Amara", "Bruno", "Carmen", "Dmitri", "Esther", "Farah"]
LAST = ["Silva", "Okafor", "Müller", "Nakamura", "Rossi", "Kowalski", "Haddad", "Jensen", "O'Brien", "Patel", "García", "Novak", "Lindqvist",
        "Chen", "Dubois", "Abebe", "Moreau", "Santos", "Kaur", "Ivanova", "Nguyen", "Schmidt", "Costa", "Yilmaz"]
SIZES = [8, 35, 120, 180, 260, 430, 750, 900, 2500, 4200, 7000, 15000, 60000]

orgs = []
used = set()
while len(orgs) < 140:
    name = f"{rng.choice(ORG_WORDS)} {rng.choice(ORG_SUFFIXES)}"
    if name in used:
        continue
    used.add(name)
    domain = name.lower().replace(" ", "") + ".example"
    orgs.append({"name": name, "domain": domain, "size": rng.choice(SIZES) + rng.randint(0, 5), "industry": rng.choice(INDUSTRIES)})


def member_id():
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


members = []
for t in titles:
    copies = 1 if t["title"].strip().lower() in query_wordings else rng.choice([2, 2, 3])
    for _ in range(copies):
        members.append(person(t["title"], rng.choice(orgs), style()))

for i, q in enumerate(q for q in queries if q["as"]):
    org = rng.choice(orgs)
    members.append(person(q["as_title"], org, "work", id_=q["as"]))
    same_role = [t["title"] for t in titles if t["functions"] == q["function"] and t["level"] == q["level"]]
    colleague_title = rng.choice(same_role)
    how = i % 3
    if how == 0:
        members.append(person(colleague_title, org, "work"))
    elif how == 1:
        members.append(person(colleague_title, org, "personal", org_name=org["name"] + ", Inc."))
    else:
        members.append(person(colleague_title, org, "work", org_name=org["name"] + " " + rng.choice(["Europe", "UK", "US", "Holdings"])))

rng.shuffle(members)
columns = ["id", "name", "email", "title", "organization", "org_size", "industry", "timezone", "topics"]
with open("directory.csv", "w", encoding="utf-8", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(members)
print(len(members), "members in", len(orgs), "organizations")
