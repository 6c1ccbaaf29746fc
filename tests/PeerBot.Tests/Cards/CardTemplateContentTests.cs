using System.Text.Json.Nodes;
using PeerBot.Cards.Templating;

namespace PeerBot.Tests.Cards;

/// <summary>Each card template shows its view data as specified.</summary>
public sealed class CardTemplateContentTests
{
    private static JsonNode Render(string sample, Action<JsonObject>? change = null)
    {
        var data = CardSamples.Sample(sample).AsObject();
        change?.Invoke(data);
        return new AdaptiveTemplate(CardSamples.TemplateText(CardSamples.TemplateOf(sample))).Expand(data);
    }

    private static IEnumerable<JsonObject> Elements(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"] is not null)
                {
                    yield return o;
                }
                foreach (var (_, value) in o)
                {
                    foreach (var inner in Elements(value))
                    {
                        yield return inner;
                    }
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    foreach (var inner in Elements(item))
                    {
                        yield return inner;
                    }
                }
                break;
        }
    }

    private static List<string> Texts(JsonNode card) =>
        [.. Elements(card).Where(e => (string?)e["type"] == "TextBlock").Select(e => (string)e["text"]!)];

    private static JsonObject Input(JsonNode card, string id) => Elements(card).Single(e => (string?)e["id"] == id);

    private static JsonArray Actions(JsonNode card) => card["actions"]?.AsArray() ?? [];

    [Fact]
    public void Welcome_greets_by_name_and_sizes_the_network()
    {
        var texts = Texts(Render("welcome"));
        Assert.Contains("Welcome to PeerBot, Priya Raman!", texts);
        Assert.Contains("1,248 leaders have joined so far.", texts);
        Assert.Contains(texts, t => t.Contains("double opt-in", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("profile form follows", StringComparison.Ordinal));

        Assert.Contains("You are one of the first leaders to join.", Texts(Render("welcome.firstLeader")));
        Assert.Contains("One leader has joined so far.", Texts(Render("welcome", d => d["networkSize"] = 1)));
    }

    [Fact]
    public void Profile_form_has_the_inputs_the_bot_reads()
    {
        var card = Render("profileForm");

        var name = Input(card, "name");
        Assert.Equal(("Input.Text", "Priya Raman", true, 100), ((string)name["type"]!, (string)name["value"]!, (bool)name["isRequired"]!, (int)name["maxLength"]!));
        foreach (var id in new[] { "title", "organization" })
        {
            Assert.Equal(("Input.Text", 100), ((string)Input(card, id)["type"]!, (int)Input(card, id)["maxLength"]!));
        }
        var headcount = Input(card, "headcount");
        Assert.Equal(("Input.Number", 420, 1), ((string)headcount["type"]!, (int)headcount["value"]!, (int)headcount["min"]!));
        var industry = Input(card, "industry");
        Assert.Equal(("Input.ChoiceSet", "compact", "software", 8), ((string)industry["type"]!, (string)industry["style"]!, (string)industry["value"]!, industry["choices"]!.AsArray().Count));
        Assert.Equal("Software and internet", (string)industry["choices"]![0]!["title"]!);
        var timeZone = Input(card, "timeZone");
        Assert.Equal(("Input.ChoiceSet", 7, "Europe/London"), ((string)timeZone["type"]!, timeZone["choices"]!.AsArray().Count, (string)timeZone["value"]!));
        Assert.Equal("pricing; brand refresh; hiring a first PMM", (string)Input(card, "topics")["value"]!);
        var discoverable = Input(card, "discoverable");
        Assert.Equal(("Input.Toggle", "true", "false", "true", "Let leaders at other organizations find me"),
            ((string)discoverable["type"]!, (string)discoverable["valueOn"]!, (string)discoverable["valueOff"]!, (string)discoverable["value"]!, (string)discoverable["title"]!));

        var actions = Actions(card);
        Assert.Equal(2, actions.Count);
        Assert.Equal(("Action.Submit", "Save profile", "saveProfile"), ((string)actions[0]!["type"]!, (string)actions[0]!["title"]!, (string)actions[0]!["data"]!["action"]!));
        Assert.Equal(("Action.Submit", "Cancel", "cancelProfile", "none"),
            ((string)actions[1]!["type"]!, (string)actions[1]!["title"]!, (string)actions[1]!["data"]!["action"]!, (string)actions[1]!["associatedInputs"]!));
    }

    [Fact]
    public void Profile_form_shows_errors_only_when_there_are_some()
    {
        Assert.DoesNotContain(Elements(Render("profileForm")), e => (string?)e["style"] == "attention");

        var card = Render("profileForm.errors");
        var errors = Elements(card).Single(e => (string?)e["style"] == "attention");
        var lines = Elements(errors["items"]).Where(e => (string?)e["color"] == "Attention").Select(e => (string)e["text"]!).ToList();
        Assert.Equal(["Please fix the following:", "- Please enter your name.", "- Headcount must be a whole number of at least 1."], lines);
        Assert.Equal("false", (string)Input(card, "discoverable")["value"]!);
    }

    [Fact]
    public void Profile_form_shows_the_organization_hint_only_when_given_and_leaves_an_empty_headcount_empty()
    {
        const string hint = "Colleagues at Northwind (northwind.example) are never suggested as peers: everyone in your Microsoft 365 organization counts as Northwind.";
        Assert.DoesNotContain(hint, Texts(Render("profileForm")));
        var card = Render("profileForm.new");
        Assert.Contains(hint, Texts(card));
        Assert.Null(Input(card, "headcount")["value"]);
    }

    [Fact]
    public void Profile_lists_facts_with_topics_joined_and_visibility_in_words()
    {
        var card = Render("profile");
        var facts = Elements(card).Single(e => (string?)e["type"] == "FactSet")["facts"]!.AsArray()
            .ToDictionary(f => (string)f!["title"]!, f => (string)f!["value"]!);
        Assert.Equal("201–500", facts["Organization size"]);
        Assert.Equal("pricing, brand refresh, hiring a first PMM", facts["Topics"]);
        Assert.Equal("Visible to leaders at other organizations", facts["Visibility"]);
        Assert.Contains("VP Marketing · Northwind Analytics", Texts(card));
        Assert.Equal(("Edit profile", "editProfile"), ((string)Actions(card)[0]!["title"]!, (string)Actions(card)[0]!["data"]!["action"]!));

        var hidden = Elements(Render("profile.hidden")).Single(e => (string?)e["type"] == "FactSet")["facts"]!.AsArray()
            .ToDictionary(f => (string)f!["title"]!, f => (string)f!["value"]!);
        Assert.Equal(("Hidden", "None yet"), (hidden["Visibility"], hidden["Topics"]));
    }

    [Fact]
    public void Results_show_one_container_per_peer()
    {
        var card = Render("results");
        var texts = Texts(card);
        Assert.Contains("Peers for “VP marketing”", texts);
        Assert.Contains("Read as: VP Marketing (marketing leadership), any industry", texts);
        Assert.Contains("3 leaders match.", texts);

        var peers = Elements(card).Where(e => (string?)e["type"] == "Container").ToList();
        Assert.Equal(3, peers.Count);
        var first = Texts(peers[0]);
        Assert.Equal(["Alex Morgan", "VP Marketing · Contoso Pharmaceuticals", "1,001–5,000 · Healthcare", "Shared topics: pricing, brand refresh",
            "Same role; you both want to talk about pricing and brand refresh."], first);
        Assert.Equal("Bolder", (string)peers[0]["items"]![0]!["weight"]!);
        Assert.DoesNotContain(Texts(peers[2]), t => t.StartsWith("Shared topics", StringComparison.Ordinal));
        Assert.Empty(Actions(card));
    }

    [Fact]
    public void Results_invite_a_profile_only_when_the_asker_has_none()
    {
        var card = Render("results.noProfile");
        Assert.Contains(Texts(card), t => t.StartsWith("Create your profile", StringComparison.Ordinal));
        Assert.Contains("One leader matches.", Texts(card));
        var action = Assert.Single(Actions(card));
        Assert.Equal(("Action.Submit", "Create my profile", "editProfile"), ((string)action!["type"]!, (string)action["title"]!, (string)action["data"]!["action"]!));

        Assert.DoesNotContain(Texts(Render("results")), t => t.StartsWith("Create your profile", StringComparison.Ordinal));
    }

    [Fact]
    public void Results_offer_the_other_readings_as_searches_before_the_profile_invitation()
    {
        var card = Render("results.choices");
        Assert.Contains("I read “principal” as school principal, its most common meaning. For another meaning, pick one below.", Texts(card));
        var actions = Actions(card);
        Assert.Equal(["consulting principal", "principal engineer"], actions.Select(a => (string)a!["title"]!));
        Assert.All(actions, a => Assert.Equal(("Action.Submit", "findpeer", (string)a!["title"]!),
            ((string)a!["type"]!, (string)a["data"]!["action"]!, (string)a["data"]!["query"]!)));

        var anonymous = Actions(Render("results.choices", d => d["askerHasProfile"] = false));
        Assert.Equal(["consulting principal", "principal engineer", "Create my profile"], anonymous.Select(a => (string)a!["title"]!));
    }

    [Fact]
    public void Statistics_list_the_searches_that_could_not_be_read_only_when_there_are_some()
    {
        // The first fact set holds the meeting figures; the unread searches come after it.
        var sets = Elements(Render("stats")).Where(e => (string?)e["type"] == "FactSet").ToList();
        Assert.Equal(2, sets.Count);
        var facts = sets[1]["facts"]!.AsArray().Select(f => ((string)f!["title"]!, (string)f["value"]!)).ToList();
        Assert.Equal([("head sommelier", "14"), ("harbour master", "9"), ("lighthouse keeper supervisor", "3")], facts);

        var quiet = Render("stats.noUnread");
        Assert.Equal(["Met rate", "Median rating"], Elements(quiet).Single(e => (string?)e["type"] == "FactSet")["facts"]!.AsArray().Select(f => (string)f!["title"]!));
        Assert.DoesNotContain("Searches I could not read as a role", Texts(quiet));
    }

    [Fact]
    public void No_results_offers_each_suggestion_as_a_search()
    {
        var card = Render("noResults");
        Assert.Contains("Nobody in the network has that role yet. Try a broader title, or search by function.", Texts(card));
        var actions = Actions(card);
        Assert.Equal(["chief operating officer", "head of operations", "VP engineering"], actions.Select(a => (string)a!["title"]!));
        Assert.All(actions, a => Assert.Equal(("Action.Submit", "findpeer", (string)a!["title"]!),
            ((string)a!["type"]!, (string)a["data"]!["action"]!, (string)a["data"]!["query"]!)));

        var none = Render("noResults.noSuggestions");
        Assert.Empty(Actions(none));
        Assert.DoesNotContain("Try one of these searches:", Texts(none));
    }

    [Fact]
    public void Help_lists_every_command()
    {
        var card = Render("help");
        var rows = Elements(card).Where(e => (string?)e["type"] == "ColumnSet").ToList();
        Assert.Equal(5, rows.Count);
        Assert.Equal(["/findpeer VP marketing", "Find leaders with that role at other organizations."], Texts(rows[0]));
    }

    [Fact]
    public void Error_shows_the_message()
    {
        Assert.Contains("I couldn't save your profile just now. Please try again in a minute.", Texts(Render("error")));
    }

    [Fact]
    public void A_welcome_without_a_name_greets_without_an_empty_one()
    {
        var texts = Texts(Render("welcome.noName"));
        Assert.Contains("Welcome to PeerBot!", texts);
        Assert.DoesNotContain(texts, t => t.Contains(", !", StringComparison.Ordinal) || t.Contains("there", StringComparison.Ordinal));
    }

    [Fact]
    public void Findpeer_with_no_role_asks_for_one_instead_of_naming_an_empty_query()
    {
        var texts = Texts(Render("noResults.emptyQuery"));
        Assert.Contains("Which role are you looking for?", texts);
        Assert.DoesNotContain(texts, t => t.Contains("“”", StringComparison.Ordinal));
    }

    [Fact]
    public void A_profile_without_industry_or_contact_shows_no_empty_rows()
    {
        var facts = Elements(Render("profile.minimal")).Single(e => (string?)e["type"] == "FactSet")["facts"]!.AsArray();
        Assert.DoesNotContain(facts, f => (string)f!["title"]! is "Industry" or "Email" or "Preferred contact");
        Assert.All(facts, f => Assert.False(string.IsNullOrWhiteSpace((string?)f!["value"])));
        var full = Elements(Render("profile")).Single(e => (string?)e["type"] == "FactSet")["facts"]!.AsArray()
            .ToDictionary(f => (string)f!["title"]!, f => (string)f!["value"]!);
        Assert.Equal(("priya@northwind.example", "+44 20 7946 0018"), (full["Email"], full["Preferred contact"]));
    }

    [Fact]
    public void A_requested_result_offers_no_second_request_and_an_empty_industry_leaves_no_dangling_dot()
    {
        var card = Render("results.requested");
        var peers = Elements(card).Where(e => (string?)e["type"] == "Container").ToList();
        Assert.Contains(Texts(peers[0]), t => t.StartsWith("Intro requested", StringComparison.Ordinal));
        Assert.DoesNotContain(Elements(peers[0]), e => (string?)e["title"] == "Request intro");
        Assert.All(peers.Skip(1), p => Assert.Contains(Elements(p), e => (string?)e["title"] == "Request intro"));
        Assert.DoesNotContain(Texts(card), t => t.EndsWith(" · ", StringComparison.Ordinal) || t.Contains(" ·  ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_connected_card_shows_every_known_way_to_reach_the_peer_and_no_empty_field()
    {
        var card = Render("introConnected");
        var facts = Elements(card).Single(e => (string?)e["type"] == "FactSet")["facts"]!.AsArray()
            .ToDictionary(f => (string)f!["title"]!, f => (string)f!["value"]!);
        Assert.Equal("jonas.weber@lattice.example", facts["Email"]);
        Assert.Equal("Book a slot: https://cal.lattice.example/jonas", facts["Prefers"]);
        var links = Actions(card).Select(a => ((string)a!["title"]!, (string?)a["url"])).ToList();
        Assert.Contains(("Chat in Teams", "https://teams.microsoft.com/l/chat/0/0?users=jonas.weber%40lattice.example"), links);
        Assert.Contains(("Open their link", "https://cal.lattice.example/jonas"), links);
        Assert.DoesNotContain(Elements(card), e => (string?)e["id"] == "message");

        var emailOnly = Render("introConnected.nolink");
        Assert.Equal(["Role", "Organization", "Size", "Email"], Elements(emailOnly).Single(e => (string?)e["type"] == "FactSet")["facts"]!.AsArray().Select(f => (string)f!["title"]!));
        // With the email alone, the one action is finding a time.
        Assert.Equal(["Find a time"], Actions(emailOnly).Select(a => (string)a!["title"]!));
    }

    [Fact]
    public void A_connection_without_contact_details_offers_the_one_forwarded_message()
    {
        var card = Render("introConnected.relay");
        var facts = Elements(card).Single(e => (string?)e["type"] == "FactSet")["facts"]!.AsArray();
        Assert.All(facts, f => Assert.False(string.IsNullOrWhiteSpace((string?)f!["value"])));
        Assert.Contains(Texts(card), t => t.Contains("Write here and PeerBot forwards your message once", StringComparison.Ordinal));
        Assert.Equal(["Find a time", "Write to Ravi"], Actions(card).Select(a => (string)a!["title"]!));
        var show = Actions(card).Single(a => (string?)a!["type"] == "Action.ShowCard");
        var send = show!["card"]!["actions"]![0]!;
        Assert.Equal(("relayMessage", "a1b2c3d4e5f60718293a4b5c6d7e8f90", "1"), ((string)send["verb"]!, (string)send["data"]!["intro"]!, (string)send["data"]!["round"]!));
        Assert.Equal("message", (string)Input(card, "message")["id"]!);
    }
}
