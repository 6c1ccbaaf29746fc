using System.Net;
using System.Text.Json.Nodes;
using PeerBot.Intros;
using PeerBot.Slack;

namespace PeerBot.Tests.Slack;

/// <summary>The intro note modal: what it checks while Slack waits, and whom it may show.</summary>
public sealed class IntroNoteTests() : SlackTestBase("slacknote")
{
    private const string Asker = "U0ASKER";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Slack.Users[Asker] = ("Ada Asker", "ada@asker.example");
        await SeedAsync(
            Leader(SlackId(Asker), "Ada Asker", "VP Marketing", "Asker Inc", "ada@asker.example", "slack"),
            Leader("import:vp-a", "Grace Hopper", "VP Marketing", "Harbor Analytics", "grace@harbor.example", "import"),
            Leader("import:hidden", "Hidden Hannah", "VP Marketing", "Quiet Co", "hannah@quiet.example", "import") with { Discoverable = false });
    }

    [Fact]
    public async Task A_note_longer_than_the_limit_keeps_the_modal_open_with_the_reason_under_the_field()
    {
        var values = SlackRequests.Typed("note", new string('x', IntroRules.MaxNoteLength + 1));
        var submission = SlackRequests.ViewSubmission(Asker, SlackForms.IntroNote.CallbackId, values,
            SlackForms.WriteOrigin(SlackStub.DirectMessage(Asker), true, new JsonObject { ["peer"] = "import:vp-a" }));

        var response = await InteractAsync(submission);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("errors", body["response_action"]!.GetValue<string>());
        Assert.Contains($"{IntroRules.MaxNoteLength} characters", body["errors"]!["note"]!.GetValue<string>(), StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.Empty(Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task The_modal_names_a_discoverable_peer_but_never_a_hidden_one()
    {
        var dm = SlackStub.DirectMessage(Asker);
        var card = new SlackCall("chat.postMessage", new JsonObject { ["channel"] = dm, ["ts"] = "1700000000.000001" }, null, DateTimeOffset.UtcNow, null);

        await PressAsync(Asker, card, new JsonObject { ["action"] = IntroVerbs.Compose, ["peer"] = "import:vp-a" });
        var opened = await Slack.WaitForAsync(c => c.Method == "views.open", what: "the note modal");
        Assert.Contains("Grace Hopper", opened.Raw, StringComparison.Ordinal);

        await PressAsync(Asker, card, new JsonObject { ["action"] = IntroVerbs.Compose, ["peer"] = "import:hidden" });
        var refused = await Slack.WaitForMessageAsync("no longer in the network", dm);
        Assert.DoesNotContain("Hannah", refused.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain(Slack.CallsTo("views.open"), c => c.Raw.Contains("Hannah", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/healthz")).StatusCode);
    }
}
