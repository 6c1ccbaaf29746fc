using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Intros;
using PeerBot.Slack;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Slack;

/// <summary>
/// One network across channels: a Slack member and a Teams member are introduced, in both directions, each
/// through their own channel, and each connected card carries the other's email since they share no chat.
/// </summary>
public sealed class CrossPlatformIntroTests() : SlackTestBase("slackxintro")
{
    private const string SlackUser = "U0SARA";
    private const string TeamsUser = "u-tom";
    private const string SaraEmail = "sara@harbor.example";
    private const string TomEmail = "tom@orbit.example";

    private static string SaraDm => SlackStub.DirectMessage(SlackUser);

    private static string TomId => "msteams:" + TeamsUser;

    private static string TomChat => Activities.PersonalConversation(TeamsUser);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Slack.Users[SlackUser] = ("Sara Slack", SaraEmail);
        await SeedAsync(
            Leader(SlackId(SlackUser), "Sara Slack", "VP Marketing", "Harbor Analytics", SaraEmail, "slack"),
            Leader(TomId, "Tom Teams", "Vice President, Marketing", "Orbit Foods", TomEmail, "msteams"));
        // Tom has talked to PeerBot in Teams before, so it can reach him there.
        await TeamsSayAsync(Activities.Message(Connector.ServiceUrl, TeamsUser, "help"));
    }

    [Fact]
    public async Task A_Slack_member_asks_a_Teams_member_who_accepts_in_Teams()
    {
        await CommandAsync(SlackUser, "/findpeer", "VP marketing");
        var results = await Slack.WaitForMessageAsync("Tom Teams", SaraDm);

        await PressAsync(SlackUser, results, results.Button("requestIntro", TomId)!);
        // Slack has no inline form on a message: the button opens a modal for the optional note.
        var opened = await Slack.WaitForAsync(c => c.Method == "views.open", what: "the intro note modal");
        var view = opened.Body["view"]!.AsObject();
        Assert.Equal(SlackForms.IntroNote.CallbackId, view["callback_id"]!.GetValue<string>());
        Assert.Contains("Tom Teams", view.ToJsonString(), StringComparison.Ordinal);
        var note = SlackRequests.Typed("note", "Your pricing page redesign?");
        // Slack sends back the view as opened, private_metadata included; a typed field named "peer" cannot redirect it.
        note["peer"] = new JsonObject { ["peer"] = SlackRequests.TextInput("import:someone-else") };
        await InteractAsync(SlackRequests.ViewSubmission(SlackUser, SlackForms.IntroNote.CallbackId, note, view["private_metadata"]!.GetValue<string>()));

        var request = await WaitForTeamsCardAsync("introRequest");
        Assert.Contains("Sara Slack", request.RawBody, StringComparison.Ordinal);
        Assert.Contains("Your pricing page redesign?", request.RawBody, StringComparison.Ordinal);
        Assert.DoesNotContain(SaraEmail, request.RawBody, StringComparison.Ordinal);
        await Slack.WaitForMessageAsync("Request sent", SaraDm);

        var intro = await IntroAsync();
        await TeamsSayAsync(Activities.Submit(Connector.ServiceUrl, TeamsUser, new JsonObject { ["action"] = IntroVerbs.Accept, ["intro"] = intro.PairKey, ["round"] = intro.Round }));

        var forSara = await Slack.WaitForMessageAsync("You're connected with Tom Teams", SaraDm);
        Assert.Contains(TomEmail, forSara.Raw, StringComparison.Ordinal);
        var forTom = await WaitForTeamsCardAsync("introConnected");
        Assert.Contains(SaraEmail, forTom.RawBody, StringComparison.Ordinal);
        Assert.Equal(IntroState.Connected, (await IntroAsync()).State);
    }

    [Fact]
    public async Task A_Teams_member_asks_a_Slack_member_who_accepts_in_Slack()
    {
        await TeamsSayAsync(Activities.Submit(Connector.ServiceUrl, TeamsUser, new JsonObject { ["action"] = IntroVerbs.Request, ["peer"] = SlackId(SlackUser), ["note"] = "Pricing pages?" }));

        var request = await Slack.WaitForMessageAsync("Tom Teams (Vice President, Marketing, Orbit Foods) would like an intro", SaraDm);
        Assert.Equal("chat.postMessage", request.Method);
        Assert.DoesNotContain(TomEmail, request.Raw, StringComparison.Ordinal);
        Assert.Contains("Pricing pages?", request.Raw, StringComparison.Ordinal);

        await PressAsync(SlackUser, request, request.Button(IntroVerbs.Accept)!);

        var updated = await Slack.WaitForAsync(c => c.Method == "chat.update", what: "the intro card updated in place");
        Assert.Equal(request.Ts, updated.Ts);
        Assert.Contains("You accepted", updated.Raw, StringComparison.Ordinal);
        var forSara = await Slack.WaitForMessageAsync("You're connected with Tom Teams", SaraDm);
        Assert.Contains(TomEmail, forSara.Raw, StringComparison.Ordinal);
        var forTom = await WaitForTeamsCardAsync("introConnected");
        Assert.Contains(SaraEmail, forTom.RawBody, StringComparison.Ordinal);
        Assert.Contains("Sara Slack", forTom.RawBody, StringComparison.Ordinal);
        Assert.Equal(IntroState.Connected, (await IntroAsync()).State);
    }

    private async Task TeamsSayAsync(JsonObject activity)
    {
        var content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/api/messages", content);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<SentActivity> WaitForTeamsCardAsync(string template)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var found = Connector.SentTo(TomChat).FirstOrDefault(s => s.Activity["attachments"]?[0]?["name"]?.GetValue<string>() == template);
            if (found is not null)
            {
                return found;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Tom never got a {template} card in Teams.");
    }

    private async Task<Introduction> IntroAsync() =>
        (await Host.Services.GetRequiredService<IntroStore>().GetAsync(IntroRules.PairKey(SlackId(SlackUser), TomId), CancellationToken.None))!.Value.Intro;
}
