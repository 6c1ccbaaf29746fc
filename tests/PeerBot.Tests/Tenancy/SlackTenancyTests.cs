using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Conversations;
using PeerBot.Intros;
using PeerBot.Nudges;
using PeerBot.Slack;
using PeerBot.Tests.Slack;

namespace PeerBot.Tests.Tenancy;

/// <summary>
/// Two Slack workspaces, each with its own installation and bot token, share one peer network. Everything a
/// member of Alpha runs is answered with Alpha's token and shows nothing of Beta's installation: not its token,
/// not its channels, not its channel nudges, even where a channel id in Alpha is the same string as one in Beta.
/// Delivering Alpha's intro request to a Beta member is the product, and goes with Beta's token.
/// </summary>
public sealed partial class SlackTenancyTests() : SlackTestBase("slacktenancy", settings: new Dictionary<string, string?> { ["Slack:BotToken"] = "" })
{
    private const string Alpha = "T0ALPHA";
    private const string Beta = "T0BETA";
    private const string AlphaToken = "xoxb-alpha-0001";
    private const string BetaToken = "xoxb-beta-0002";

    private const string AlphaMember = "U0ALPHA";
    private const string AlphaAdmin = "U0ALPHAADM";
    private const string BetaAdmin = "U0BETAADM";
    private const string BetaAsker = "U0BETA1";
    private const string BetaPeer = "U0BETA2";

    /// <summary>A channel id both workspaces have (as a channel shared between them does).</summary>
    private const string Shared = "C0SHARED";

    /// <summary>A channel only Beta has.</summary>
    private const string BetaOnly = "C0BETAONLY";

    /// <summary>Beta's channel nudge setting, distinctive enough to spot anywhere.</summary>
    private const string BetaZone = "Pacific/Auckland";
    private const string BetaCron = "15 7 * * 4";

    private static readonly string[] BetaSecrets = [BetaToken, BetaOnly, BetaZone, BetaCron];

    private static string Id(string team, string user) => $"slack:{team}:{user}";

    private string _betaIntro = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var installations = Host.Services.GetRequiredService<SlackInstallationStore>();
        await installations.SaveAsync(new SlackInstallation { TeamId = Alpha, TeamName = "Alpha", BotToken = AlphaToken, BotUserId = "UBOTALPHA", InstalledAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        await installations.SaveAsync(new SlackInstallation { TeamId = Beta, TeamName = "Beta", BotToken = BetaToken, BotUserId = "UBOTBETA", InstalledAt = DateTimeOffset.UtcNow }, CancellationToken.None);

        Slack.WorkspaceUsers[$"{AlphaToken}|{AlphaMember}"] = ("Ana Alpha", "ana@alpha.example", false);
        Slack.WorkspaceUsers[$"{AlphaToken}|{AlphaAdmin}"] = ("Adam Alpha", "adam@alpha.example", true);
        Slack.WorkspaceUsers[$"{BetaToken}|{BetaAdmin}"] = ("Bo Beta", "bo@beta.example", true);
        Slack.WorkspaceUsers[$"{BetaToken}|{BetaAsker}"] = ("Bea Beta", "bea@beta.example", false);
        Slack.WorkspaceUsers[$"{BetaToken}|{BetaPeer}"] = ("Gil Gamma", "gil@gamma.example", false);

        await SeedAsync(
            Leader(Id(Alpha, AlphaMember), "Ana Alpha", "CFO", "Alpha Co", "ana@alpha.example", "slack"),
            Leader(Id(Alpha, AlphaAdmin), "Adam Alpha", "COO", "Alpha Co", "adam@alpha.example", "slack"),
            Leader(Id(Beta, BetaAsker), "Bea Beta", "VP Marketing", "Beta Inc", "bea@beta.example", "slack"),
            Leader(Id(Beta, BetaPeer), "Gil Gamma", "Chief Financial Officer", "Gamma Ltd", "gil@gamma.example", "slack"));

        // Beta's own activity: an introduction between two of its members, its follow-up, and two channel nudges.
        var (outcome, intro) = await Host.Services.GetRequiredService<IntroService>().RequestAsync(Id(Beta, BetaAsker), Id(Beta, BetaPeer), "Hello", "beta-setup", CancellationToken.None);
        Assert.Equal(RequestOutcome.Sent, outcome);
        _betaIntro = intro!.PairKey;
        Assert.True(await Host.Services.GetRequiredService<FollowUps>().PlanAsync(_betaIntro, Id(Beta, BetaAsker), 1, DateTimeOffset.UtcNow, CancellationToken.None));
        await AskAsync(Beta, BetaAdmin, $"nudge weekly thu 07:15 {BetaZone}", Shared, "I'll post here");
        await AskAsync(Beta, BetaAdmin, $"nudge weekly thu 07:15 {BetaZone}", BetaOnly, "I'll post here");
    }

    [Fact]
    public async Task Every_command_and_button_from_Alpha_uses_Alphas_token_and_shows_nothing_of_Betas_installation()
    {
        var setupCalls = Slack.Calls.Count;
        // The stub sees the tokens: Beta's own setup went with Beta's token.
        Assert.Contains(Slack.Calls, c => c.Authorization == "Bearer " + BetaToken && c.Method == "chat.postMessage" && c.Channel == SlackStub.DirectMessage(BetaPeer));

        var dm = SlackStub.DirectMessage(AlphaMember);
        await AskAsync(Alpha, AlphaMember, "help", dm, "Commands:");
        await AskAsync(Alpha, AlphaMember, "profile", dm, "Your profile");
        var results = await AskAsync(Alpha, AlphaMember, "findpeer VP marketing", dm, "Bea Beta");
        await AskAsync(Alpha, AlphaMember, "intros", dm, "ntro");
        await AskAsync(Alpha, AlphaMember, "privacy", dm, "Right now");
        await AskAsync(Alpha, AlphaMember, "cadence weekly", dm, "eekly");
        await AskAsync(Alpha, AlphaMember, "pause 2w", dm, "ause");
        await AskAsync(Alpha, AlphaMember, "status", dm, "udge");

        // Asking a Beta member for an intro is the product: Alpha's token opens the note modal, and the request
        // reaches Bea with Beta's token.
        var modal = await PressAsync(Alpha, AlphaMember, dm, results.Button(IntroVerbs.Request, Id(Beta, BetaAsker))!, null, "views.open");
        Assert.Equal("Bearer " + AlphaToken, modal.Authorization);
        var view = modal.Body["view"]!.AsObject();
        var note = SlackRequests.Typed("note", "Budget season?");
        var sent = Slack.Calls.Count;
        using (var submitted = await Client.SendAsync(SlackRequests.SignedPost("/slack/interactions", SlackRequests.Interaction(
            SlackRequests.ViewSubmission(AlphaMember, view["callback_id"]!.GetValue<string>(), note, view["private_metadata"]!.GetValue<string>(), Alpha)))))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, submitted.StatusCode);
        }
        await ReplyAsync(sent, "Request sent", null, "the intro note submitted");
        var delivered = await Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Channel == SlackStub.DirectMessage(BetaAsker) && c.Raw.Contains("Ana Alpha", StringComparison.Ordinal), what: "the intro request in Bea's DM");
        Assert.Equal("Bearer " + BetaToken, delivered.Authorization);

        var export = await AskAsync(Alpha, AlphaMember, "export", dm, "download your data");
        var file = await ExportAsync(export);
        Assert.Equal(Id(Alpha, AlphaMember), file["memberId"]!.GetValue<string>());
        Assert.Contains("Bea Beta", file.ToJsonString(), StringComparison.Ordinal);
        AssertNothingOfBeta(file.ToJsonString(), "the export");

        // The shared channel id: Alpha sees and changes only its own channel's nudge.
        var show = await AskAsync(Alpha, AlphaMember, "nudge show", Shared, "This channel");
        Assert.Contains("has no PeerBot nudge", show.Raw, StringComparison.Ordinal);
        await AskAsync(Alpha, AlphaMember, "nudge off", Shared, "Only channel or workspace admins");
        await AskAsync(Alpha, AlphaAdmin, "nudge off", Shared, "This channel had no PeerBot nudge.");
        await AskAsync(Alpha, AlphaAdmin, "nudge weekly mon 10:00 Europe/Berlin", Shared, "I'll post here");
        var own = await AskAsync(Alpha, AlphaAdmin, "nudge show", Shared, "This channel");
        Assert.Contains("Europe/Berlin", own.Raw, StringComparison.Ordinal);
        await AskAsync(Alpha, AlphaAdmin, "stats", Shared, "Network activity");

        // Forged buttons naming Beta's objects: a clear refusal, and Beta's data stays as it was.
        await PressAsync(Alpha, AlphaMember, dm, new JsonObject { ["action"] = IntroVerbs.Accept, ["intro"] = _betaIntro, ["round"] = 1 }, "not one of yours");
        await PressAsync(Alpha, AlphaMember, dm, new JsonObject { ["action"] = NudgeCards.FollowUpVerb, ["intro"] = _betaIntro, ["round"] = 1, ["asked"] = 1, ["answer"] = FollowUpAnswers.NotYet }, "not one of yours");
        await PressAsync(Alpha, AlphaAdmin, BetaOnly, new JsonObject { ["action"] = "nudge", ["query"] = "off", ["channel"] = BetaOnly, ["team"] = Beta }, "This channel had no PeerBot nudge.");
        await SubmitProfileFromAsync(Alpha, AlphaMember, BetaOnly);
        var alphaPhase = Slack.Calls.Skip(setupCalls).ToList();

        var intro = (await Host.Services.GetRequiredService<IntroStore>().GetAsync(_betaIntro, CancellationToken.None))!.Value.Intro;
        Assert.Equal(IntroState.Requested, intro.State);
        var followUp = await Host.Services.GetRequiredService<FollowUps>().GetAsync(_betaIntro, Id(Beta, BetaAsker), CancellationToken.None);
        Assert.Equal("", followUp!.Answer);
        var channels = Host.Services.GetRequiredService<ChannelNudges>();
        foreach (var channel in new[] { Shared, BetaOnly })
        {
            var beta = await channels.GetAsync(new NudgeChannel("slack", channel, Beta), CancellationToken.None);
            Assert.Equal(new ChannelSchedule(BetaCron, BetaZone), beta!.Schedule);
            Assert.Equal(Id(Beta, BetaAdmin), beta.SetBy);
        }
        var betaShow = await AskAsync(Beta, BetaAdmin, "nudge show", Shared, "This channel");
        Assert.Contains(BetaZone, betaShow.Raw, StringComparison.Ordinal);

        AssertTokensFollowTheirWorkspace(alphaPhase);
    }

    [Fact]
    public async Task A_channel_post_for_Beta_goes_with_Betas_token_and_one_for_Alpha_with_Alphas()
    {
        var posters = Host.Services.GetServices<IChannelPoster>().ToList();
        foreach (var (team, token) in new[] { (Beta, BetaToken), (Alpha, AlphaToken) })
        {
            var channel = new NudgeChannel("slack", Shared, team);
            var text = "post for " + team;
            Assert.Equal(DeliveryOutcome.Delivered, await posters.Single(p => p.Reaches(channel)).PostAsync(channel, new TextReply(text), CancellationToken.None));
            var post = await Slack.WaitForMessageAsync(text, Shared);
            Assert.Equal("Bearer " + token, post.Authorization);
        }
        // A channel of a workspace that has no installation is not posted to with anyone else's token.
        var stranger = new NudgeChannel("slack", Shared, "T0NOTINSTALLED");
        Assert.Equal(DeliveryOutcome.Unreachable, await posters.Single(p => p.Reaches(stranger)).PostAsync(stranger, new TextReply("stranger"), CancellationToken.None));
    }

    /// <summary>
    /// Every token-bearing call after Beta's setup addresses a Beta member only with Beta's token, and anything
    /// else only with Alpha's; what Alpha's members read carries none of Beta's installation data.
    /// </summary>
    private static void AssertTokensFollowTheirWorkspace(IReadOnlyList<SlackCall> calls)
    {
        var betaMembers = new[] { BetaAdmin, BetaAsker, BetaPeer };
        bool ForBeta(SlackCall c) => betaMembers.Any(u => c.Channel == SlackStub.DirectMessage(u) || c.Body["user"]?.ToString() == u || c.Body["users"]?.ToString() == u);

        var withToken = calls.Where(c => !string.IsNullOrEmpty(c.Authorization)).ToList();
        Assert.True(withToken.Count(c => !ForBeta(c)) >= 15, $"Only {withToken.Count} token-bearing calls were recorded.");
        foreach (var call in withToken)
        {
            var expected = ForBeta(call) ? BetaToken : AlphaToken;
            Assert.True(call.Authorization == "Bearer " + expected, $"{call.Method} to {call.Channel ?? call.Body["user"]?.ToString()} carried {call.Authorization}, not {expected}.");
        }
        foreach (var call in calls.Where(c => c.Method.StartsWith("response_url:", StringComparison.Ordinal)))
        {
            Assert.True(call.Method.StartsWith("response_url:" + Alpha, StringComparison.Ordinal), $"A reply went to {call.Method}, not to one of Alpha's requests.");
        }
        foreach (var call in calls.Where(c => !ForBeta(c) && c.Method != "users.info" && c.Method != "conversations.open"))
        {
            AssertNothingOfBeta(call.Text + (call.Body["blocks"]?.ToJsonString() ?? "") + (call.Body["view"]?.ToJsonString() ?? ""), call.Method);
        }
    }

    private static void AssertNothingOfBeta(string text, string where)
    {
        foreach (var secret in BetaSecrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{where} shows Beta's “{secret}”: {text}");
        }
    }

    /// <summary>Runs "/peerbot {text}" for a member of a workspace and waits for the reply (a message containing <paramref name="expect"/>, or a call of <paramref name="method"/>).</summary>
    private async Task<SlackCall> AskAsync(string team, string user, string text, string channel, string? expect = null, string? method = null)
    {
        var before = Slack.Calls.Count;
        var body = SlackRequests.Command(user, "/peerbot", text, channel, Slack.ResponseUrl(team + "-" + Guid.NewGuid().ToString("N")[..8]), team: team);
        using var response = await Client.SendAsync(SlackRequests.SignedPost("/slack/commands", body));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await ReplyAsync(before, expect, method, $"{team} {user}: {text}");
    }

    /// <summary>Presses a button (its value as given, genuine or forged) in a workspace and waits for the answer.</summary>
    private async Task<SlackCall> PressAsync(string team, string user, string channel, JsonObject value, string? expect, string? method = null)
    {
        var before = Slack.Calls.Count;
        var payload = SlackRequests.BlockAction(user, channel, "1700000000.000042", value["action"]!.GetValue<string>(), value,
            Slack.ResponseUrl(team + "-" + Guid.NewGuid().ToString("N")[..8]), team: team);
        using var response = await Client.SendAsync(SlackRequests.SignedPost("/slack/interactions", SlackRequests.Interaction(payload)));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await ReplyAsync(before, expect, method, $"{team} {user} pressed {value.ToJsonString()}");
    }

    /// <summary>A profile form submitted from a modal whose metadata names Beta's channel: Alpha's token answers, into Alpha's member's view only.</summary>
    private async Task SubmitProfileFromAsync(string team, string user, string channel)
    {
        var before = Slack.Calls.Count;
        var values = new JsonObject
        {
            ["b1"] = new JsonObject { ["name"] = SlackRequests.TextInput("Ana Alpha") },
            ["b2"] = new JsonObject { ["title"] = SlackRequests.TextInput("CFO") },
            ["b3"] = new JsonObject { ["organization"] = SlackRequests.TextInput("Alpha Co") },
            ["b4"] = new JsonObject { ["headcount"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = "250" } } },
            ["b5"] = new JsonObject { ["timeZone"] = SlackRequests.TextInput("Europe/Berlin") },
            ["b6"] = new JsonObject { ["topics"] = SlackRequests.TextInput("pricing") },
        };
        var payload = SlackRequests.ViewSubmission(user, SlackForms.Profile.CallbackId, values, SlackForms.WriteOrigin(channel, false), team);
        using var response = await Client.SendAsync(SlackRequests.SignedPost("/slack/interactions", SlackRequests.Interaction(payload)));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await ReplyAsync(before, "rofile", null, "the profile form");
    }

    private async Task<SlackCall> ReplyAsync(int before, string? expect, string? method, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var found = Slack.Calls.Skip(before).FirstOrDefault(c => method is not null
                ? c.Method == method
                : (c.Method is "chat.postMessage" or "chat.postEphemeral" or "chat.update" || c.Method.StartsWith("response_url:", StringComparison.Ordinal))
                  && c.Raw.Contains(expect!, StringComparison.Ordinal));
            if (found is not null)
            {
                return found;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No reply to {what} contained “{expect ?? method}”. Replies: {string.Join(" | ", Slack.Calls.Skip(before).Select(c => c.Method + " " + c.Text))}");
    }

    private async Task<JsonObject> ExportAsync(SlackCall reply)
    {
        var token = ExportLink().Match(reply.Raw);
        Assert.True(token.Success, reply.Raw);
        using var response = await Client.GetAsync("/privacy/export/" + token.Groups[1].Value);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [GeneratedRegex(@"/privacy/export/([^)>|\s""\\]+)")]
    private static partial Regex ExportLink();
}
