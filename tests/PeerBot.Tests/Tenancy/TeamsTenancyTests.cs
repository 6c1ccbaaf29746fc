using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Conversations;
using PeerBot.Intros;
using PeerBot.Nudges;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Tenancy;

/// <summary>
/// Two Teams tenants, each behind its own connector (serviceUrl), share one peer network. A channel in each has
/// the same conversation id. Commands from tenant Alpha are answered through Alpha's connector only, never read
/// or replace Beta's channel nudge or channel reference, and buttons naming Beta's objects are refused.
/// </summary>
public sealed class TeamsTenancyTests() : BotTestBase("teamstenancy")
{
    private const string Alpha = "a1a1a1a1-0000-4000-8000-0000000000a1";
    private const string Beta = "b2b2b2b2-0000-4000-8000-0000000000b2";
    private const string Channel = "19:shared@thread.tacv2";
    private const string BetaZone = "Pacific/Auckland";

    private const string AlphaMember = "u-alpha";
    private const string AlphaAdmin = "u-alpha-admin";
    private const string BetaAdmin = "u-beta-admin";
    private const string BetaAsker = "u-beta-1";
    private const string BetaPeer = "u-beta-2";

    private readonly ConnectorStub _betaConnector = new();
    private string _betaIntro = "";

    protected override BotHost CreateHost(string hint) => new(hint, new Dictionary<string, string?>
    {
        ["Admins:Ids:0"] = "msteams:" + AlphaAdmin,
        ["Admins:Ids:1"] = "msteams:" + BetaAdmin,
    });

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedAsync(
            Leader("msteams:" + AlphaMember, "Ana Alpha", "CFO", "Alpha Co", email: "ana@alpha.example"),
            Leader("msteams:" + BetaAsker, "Bea Beta", "VP Marketing", "Beta Inc", email: "bea@beta.example"),
            Leader("msteams:" + BetaPeer, "Gil Gamma", "Chief Financial Officer", "Gamma Ltd", email: "gil@gamma.example"));
        // Beta's members have talked to PeerBot, through Beta's connector.
        foreach (var user in new[] { BetaAsker, BetaPeer })
        {
            await SayAsync(Beta, Activities.Message(_betaConnector.ServiceUrl, user, "help"), 1);
        }
        var (outcome, intro) = await Host.Services.GetRequiredService<IntroService>().RequestAsync("msteams:" + BetaAsker, "msteams:" + BetaPeer, "Hello", "beta-setup", CancellationToken.None);
        Assert.Equal(RequestOutcome.Sent, outcome);
        _betaIntro = intro!.PairKey;
        var set = await SayAsync(Beta, Activities.ChannelMention(_betaConnector.ServiceUrl, BetaAdmin, $"nudge weekly thu 07:15 {BetaZone}", Channel), 1);
        Assert.Contains("I'll post here", set[0].Text, StringComparison.Ordinal);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _betaConnector.DisposeAsync();
    }

    [Fact]
    public async Task Alphas_commands_reach_only_Alphas_connector_and_never_Betas_channel_nudge_or_reference()
    {
        var betaBefore = _betaConnector.Sent.Count;
        var chat = Activities.PersonalConversation(AlphaMember);
        var replies = new List<SentActivity>();
        foreach (var text in new[] { "help", "profile", "findpeer VP marketing", "intros", "privacy", "export", "peerbot cadence weekly", "peerbot pause 2w", "peerbot status" })
        {
            replies.AddRange(await SayAsync(Alpha, Activities.Message(Connector.ServiceUrl, AlphaMember, text), 1));
        }
        Assert.Contains(replies, r => r.RawBody.Contains("Bea Beta", StringComparison.Ordinal));

        // An intro request to a Beta member is delivered to them, through Beta's connector.
        replies.AddRange(await SayAsync(Alpha, Activities.Submit(Connector.ServiceUrl, AlphaMember, new JsonObject { ["action"] = IntroVerbs.Request, ["peer"] = "msteams:" + BetaAsker }), 1));
        var request = await _betaConnector.WaitForAsync(Activities.PersonalConversation(BetaAsker), 2);
        Assert.Contains("Ana Alpha", request[^1].RawBody, StringComparison.Ordinal);

        // Forged buttons naming Beta's introduction.
        var accept = await SayAsync(Alpha, Activities.Submit(Connector.ServiceUrl, AlphaMember, new JsonObject { ["action"] = IntroVerbs.Accept, ["intro"] = _betaIntro, ["round"] = 1 }), 1);
        Assert.Contains("not one of yours", accept[0].RawBody, StringComparison.Ordinal);
        var followUp = await SayAsync(Alpha, Activities.Submit(Connector.ServiceUrl, AlphaMember, new JsonObject { ["action"] = NudgeCards.FollowUpVerb, ["intro"] = _betaIntro, ["round"] = 1, ["asked"] = 1, ["answer"] = FollowUpAnswers.Yes }), 1);
        Assert.Contains("not one of yours", followUp[0].RawBody, StringComparison.Ordinal);
        replies.AddRange(accept.Concat(followUp));

        // The same channel id in Alpha: its own (empty) nudge, never Beta's.
        var show = await SayAsync(Alpha, Activities.ChannelMention(Connector.ServiceUrl, AlphaMember, "nudge show", Channel), 1);
        Assert.Contains("has no PeerBot nudge", show[0].Text, StringComparison.Ordinal);
        var off = await SayAsync(Alpha, Activities.ChannelMention(Connector.ServiceUrl, AlphaAdmin, "nudge off", Channel), 1);
        Assert.Contains("had no PeerBot nudge", off[0].Text, StringComparison.Ordinal);
        var buttonOff = await SayAsync(Alpha, WithValue(Activities.ChannelMention(Connector.ServiceUrl, AlphaAdmin, "", Channel), new JsonObject { ["action"] = "nudge", ["query"] = "off", ["tenant"] = Beta }), 1);
        Assert.Contains("had no PeerBot nudge", buttonOff[0].Text, StringComparison.Ordinal);
        replies.AddRange(show.Concat(off).Concat(buttonOff));
        replies.AddRange(await SayAsync(Alpha, Activities.ChannelMention(Connector.ServiceUrl, AlphaAdmin, "nudge weekly mon 10:00 Europe/Berlin", Channel), 1));
        replies.AddRange(await SayAsync(Alpha, Activities.ChannelMention(Connector.ServiceUrl, AlphaAdmin, "stats", Channel), 1));

        foreach (var reply in replies)
        {
            Assert.DoesNotContain(BetaZone, reply.RawBody, StringComparison.Ordinal);
            Assert.DoesNotContain(_betaConnector.ServiceUrl, reply.RawBody, StringComparison.Ordinal);
            Assert.DoesNotContain(Beta, reply.RawBody, StringComparison.Ordinal);
        }
        // Beta's connector heard of nothing but the intro request meant for Bea.
        Assert.All(_betaConnector.Sent.Skip(betaBefore), s => Assert.Equal(Activities.PersonalConversation(BetaAsker), s.ConversationId));
        Assert.NotEmpty(Connector.SentTo(chat));

        // Beta's nudge and intro are as they were, and its channel posts still go through Beta's own reference.
        var channels = Host.Services.GetRequiredService<ChannelNudges>();
        var beta = await channels.GetAsync(new NudgeChannel("msteams", Channel, Beta), CancellationToken.None);
        Assert.Equal(BetaZone, beta!.Schedule.TimeZone);
        var alpha = await channels.GetAsync(new NudgeChannel("msteams", Channel, Alpha), CancellationToken.None);
        Assert.Equal("Europe/Berlin", alpha!.Schedule.TimeZone);
        Assert.Equal(IntroState.Requested, (await Host.Services.GetRequiredService<IntroStore>().GetAsync(_betaIntro, CancellationToken.None))!.Value.Intro.State);

        var handler = Host.Services.GetServices<INudgeJobHandler>().Single(h => h.Kind == JobKinds.Channel);
        var plan = await handler.PlanAsync(ChannelNudges.JobFor(beta.Channel, beta.NextDueAt!.Value), CancellationToken.None);
        Assert.Equal(Beta, plan!.Channel!.TenantId);
        var poster = Host.Services.GetServices<IChannelPoster>().Single(p => p.Reaches(plan.Channel));
        var alphaChannelBefore = Connector.SentTo(Channel).Count();
        Assert.Equal(DeliveryOutcome.Delivered, await poster.PostAsync(plan.Channel, new TextReply("Beta's channel post"), CancellationToken.None));
        var posted = await _betaConnector.WaitForAsync(Channel, 2);
        Assert.Equal("Beta's channel post", posted[^1].Text);
        Assert.Equal(alphaChannelBefore, Connector.SentTo(Channel).Count());
    }

    /// <summary>Puts the activity in a tenant, as Teams does for every activity from it.</summary>
    private Task<IReadOnlyList<SentActivity>> SayAsync(string tenant, JsonObject activity, int expectedReplies)
    {
        activity["conversation"]!["tenantId"] = tenant;
        activity["channelData"]!["tenant"]!["id"] = tenant;
        var connector = tenant == Beta ? _betaConnector : Connector;
        return SayThroughAsync(connector, activity, expectedReplies);
    }

    private async Task<IReadOnlyList<SentActivity>> SayThroughAsync(ConnectorStub connector, JsonObject activity, int expectedReplies)
    {
        var conversation = ConversationReferenceOf(activity);
        var before = connector.SentTo(conversation).Count();
        using var response = await PostAsync(activity);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var all = await connector.WaitForAsync(conversation, before + expectedReplies);
        return all.Skip(before).ToList();
    }

    private static string ConversationReferenceOf(JsonObject activity) => activity["conversation"]!["id"]!.GetValue<string>();

    private static JsonObject WithValue(JsonObject activity, JsonObject value)
    {
        // A card's button in a channel: its data, no typed text or mention.
        activity.Remove("text");
        activity.Remove("entities");
        activity["value"] = value;
        return activity;
    }
}
