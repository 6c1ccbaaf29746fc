using System.Net;
using System.Text.Json.Nodes;

namespace PeerBot.Tests.Slack;

/// <summary>A Slack member's first visit: welcome, the profile modal, its checks, and the organization from their email.</summary>
public sealed class OnboardingTests() : SlackTestBase("slackonboard")
{
    private const string Newcomer = "U0NEW";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Slack.Users[Newcomer] = ("Nina Newman", "nina@fabrikam.example");
    }

    [Fact]
    public async Task Opening_PeerBot_welcomes_once_and_the_form_opens_in_a_modal_prefilled_from_Slack()
    {
        await EventAsync(SlackRequests.Event(new JsonObject { ["type"] = "app_home_opened", ["user"] = Newcomer, ["channel"] = SlackStub.DirectMessage(Newcomer), ["tab"] = "messages" }));
        await Slack.WaitForMessageAsync("Welcome to PeerBot, Nina!");
        var prompt = await Slack.WaitForAsync(c => c.Button("editProfile") is not null, what: "the button that opens the form");
        await EventAsync(SlackRequests.Event(new JsonObject { ["type"] = "app_home_opened", ["user"] = Newcomer, ["channel"] = SlackStub.DirectMessage(Newcomer), ["tab"] = "messages" }));

        await PressAsync(Newcomer, prompt, prompt.Button("editProfile")!);

        var opened = await Slack.WaitForAsync(c => c.Method == "views.open", what: "the profile modal");
        var view = opened.Body["view"]!.AsObject();
        Assert.Equal("profileForm", view["callback_id"]!.GetValue<string>());
        Assert.Contains("Nina Newman", view.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Fabrikam", view.ToJsonString(), StringComparison.Ordinal);
        // Slack's time zone for the member starts the form.
        Assert.Equal("America/New_York", view["blocks"]!.AsArray().Single(b => b!["block_id"]?.GetValue<string>() == "timeZone")!["element"]!["initial_option"]!["value"]!.GetValue<string>());
        var origin = JsonNode.Parse(view["private_metadata"]!.GetValue<string>())!;
        Assert.Equal(SlackStub.DirectMessage(Newcomer), origin["conversation"]!.GetValue<string>());
        await Task.Delay(300);
        Assert.Single(Slack.Messages, m => m.Raw.Contains("Welcome to PeerBot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mistakes_show_under_the_fields_of_the_open_modal_and_nothing_is_saved()
    {
        var submission = Submission(Newcomer, title: "", headcount: "0");

        using var response = await Client.SendAsync(SlackRequests.SignedPost("/slack/interactions", SlackRequests.Interaction(submission)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", answer["response_action"]!.GetValue<string>());
        Assert.Equal(["headcount", "title"], answer["errors"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        await Task.Delay(500);
        Assert.Null(await Profiles.GetAsync(SlackId(Newcomer), CancellationToken.None));
        Assert.Empty(Slack.Messages);
    }

    [Fact]
    public async Task A_saved_modal_makes_a_profile_whose_organization_is_the_email_domain_Slack_reports()
    {
        using var response = await Client.SendAsync(SlackRequests.SignedPost("/slack/interactions", SlackRequests.Interaction(Submission(Newcomer))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());

        await Slack.WaitForMessageAsync("Your profile is saved", SlackStub.DirectMessage(Newcomer));
        var peer = (await Profiles.GetAsync(SlackId(Newcomer), CancellationToken.None))!.Peer;
        Assert.Equal("domain:fabrikam.example", peer.OrganizationKey);
        Assert.Equal("nina@fabrikam.example", peer.Email);
        Assert.Equal("slack", peer.Channel);
        Assert.Equal(["pricing", "hiring"], peer.Topics);
        Assert.True(peer.Discoverable);
    }

    [Fact]
    public async Task Without_an_email_from_Slack_the_organization_is_what_the_member_declares()
    {
        await InteractAsync(Submission("U0NOMAIL", organization: "Tailspin Toys, Inc."));

        await Slack.WaitForMessageAsync("Your profile is saved", SlackStub.DirectMessage("U0NOMAIL"));
        var peer = (await Profiles.GetAsync(SlackId("U0NOMAIL"), CancellationToken.None))!.Peer;
        Assert.Equal("name:tailspin-toys", peer.OrganizationKey);
        Assert.Null(peer.Email);
    }

    [Fact]
    public async Task Closing_the_modal_leaves_the_profile_unchanged()
    {
        var closed = Submission(Newcomer);
        closed["type"] = "view_closed";

        await InteractAsync(closed);

        await Slack.WaitForMessageAsync("Profile left unchanged", SlackStub.DirectMessage(Newcomer));
        Assert.Null(await Profiles.GetAsync(SlackId(Newcomer), CancellationToken.None));
    }

    [Fact]
    public async Task Peerbot_profile_shows_the_profile_and_its_button_opens_the_modal()
    {
        await SeedAsync(Leader(SlackId(Newcomer), "Nina Newman", "CFO", "Fabrikam", "nina@fabrikam.example", "slack"));
        await CommandAsync(Newcomer, "/peerbot", "profile");
        var card = await Slack.WaitForMessageAsync("Your profile: CFO, Fabrikam.");

        await PressAsync(Newcomer, card, card.Button("editProfile")!);

        var opened = await Slack.WaitForAsync(c => c.Method == "views.open", what: "the profile modal");
        Assert.Contains("\"initial_value\":\"CFO\"", opened.Body.ToJsonString(), StringComparison.Ordinal);
    }

    private static JsonObject Submission(string user, string title = "VP Finance", string headcount = "420", string organization = "Fabrikam")
    {
        static JsonObject Text(string id, string value) => new() { [id] = SlackRequests.TextInput(value) };
        static JsonObject Select(string id, string? value) => new()
        {
            [id] = new JsonObject { ["type"] = "static_select", ["selected_option"] = value is null ? null : new JsonObject { ["value"] = value } },
        };
        var values = new JsonObject
        {
            ["name"] = Text("name", "Nina Newman"),
            ["title"] = Text("title", title),
            ["organization"] = Text("organization", organization),
            ["headcount"] = new JsonObject { ["headcount"] = new JsonObject { ["type"] = "number_input", ["value"] = headcount } },
            ["industry"] = Select("industry", "Software"),
            ["timeZone"] = Select("timeZone", "Europe/Berlin"),
            ["topics"] = Text("topics", "pricing; hiring"),
            ["discoverable"] = new JsonObject
            {
                ["discoverable"] = new JsonObject { ["type"] = "checkboxes", ["selected_options"] = new JsonArray(new JsonObject { ["value"] = "true" }) },
            },
        };
        var origin = new JsonObject { ["conversation"] = SlackStub.DirectMessage(user), ["personal"] = true }.ToJsonString();
        return SlackRequests.ViewSubmission(user, "profileForm", values, origin);
    }
}
