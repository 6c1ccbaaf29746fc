using System.Text.Json.Nodes;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PeerBot.Tests.Privacy;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Stats;

/// <summary>
/// Teams team owners are PeerBot admins: the bot asks Microsoft Graph (a stub on loopback) for the member's roles in
/// the team, with a Graph token from the credentials factory. Everything goes through /api/messages.
/// </summary>
public sealed class TeamOwnerTests() : BotTestBase("teamowners")
{
    private const string AppId = "5d2f8a14-7c3e-4b9a-8e61-0f4d2c7b9a35";
    private const string GraphToken = "graph-token-for-peerbot-tests";
    private const string TeamId = "19:owners-team@thread.tacv2";
    private const string Channel = "19:leaders-owners@thread.tacv2";
    private const string Group = "8a1f3c5e-2b4d-4e6f-9a0b-1c2d3e4f5a6b";
    private const string Owner = "0b5c6f1e-3a2d-4c8b-9e7f-6a5b4c3d2e1f";
    private const string Member = "1c6d7a2f-4b3e-4d9c-8f0a-7b6c5d4e3f2a";
    private const string Guest = "2d7e8b3a-5c4f-4e0d-9a1b-8c7d6e5f4a3b";
    private const string Configured = "3e8f9c4b-6d5a-4f1e-8b2c-9d8e7f6a5b4c";

    private const string NudgeRefusal = "Only channel or workspace admins";
    private const string StatsRefusal = "Only PeerBot admins";
    private const string NudgeSet = "Done: I'll post here";
    private const string StatsShown = "intros requested";

    private readonly GraphStub _graph = new(GraphToken);
    private readonly GraphCredentials _credentials = new(AppId, GraphToken);
    private readonly CapturedLogs _logs = new();

    protected override BotHost CreateHost(string hint) => new(hint, new Dictionary<string, string?>
    {
        ["MicrosoftAppId"] = AppId,
        ["Graph:BaseUrl"] = _graph.BaseUrl,
        ["Admins:Ids:0"] = "msteams:" + Configured,
    }, services =>
    {
        services.AddSingleton<ServiceClientCredentialsFactory>(_credentials);
        services.AddSingleton<ILoggerProvider>(_logs);
    });

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task A_team_owner_sets_a_channel_nudge_there_and_sees_statistics_in_a_personal_chat()
    {
        _graph.Roster[(Group, Owner)] = ["owner"];
        await InstallAsync(TeamId, Group);

        await ReplyContainingAsync(InTeam(Mention(Owner, "nudge weekly tue 09:00 Europe/Berlin"), Group), NudgeSet);
        await ReplyContainingAsync(Personal(Owner, "peerbot stats"), StatsShown);

        Assert.Contains((AppId, "https://graph.microsoft.com"), _credentials.Requests);
        Assert.NotEmpty(_graph.Authorizations);
        Assert.All(_graph.Authorizations, a => Assert.Equal("Bearer " + GraphToken, a));
    }

    [Fact]
    public async Task A_plain_member_and_a_guest_of_the_team_are_refused_and_nothing_is_set()
    {
        _graph.Roster[(Group, Member)] = [];
        _graph.Roster[(Group, Guest)] = ["guest"];
        await InstallAsync(TeamId, Group);

        foreach (var user in new[] { Member, Guest })
        {
            await ReplyContainingAsync(InTeam(Mention(user, "nudge weekly tue 09:00 Europe/Berlin"), Group), NudgeRefusal);
            await ReplyContainingAsync(InTeam(Mention(user, "nudge off"), Group), NudgeRefusal);
            await ReplyContainingAsync(Personal(user, "peerbot stats"), StatsRefusal);
        }
        // Anyone may look at the channel's nudge; there is none.
        await ReplyContainingAsync(InTeam(Mention(Guest, "nudge show"), Group), "This channel has no PeerBot nudge");
        // One question per person: the personal-chat check of the same team is answered from the cache.
        Assert.Equal(2, _graph.Calls);
    }

    [Fact]
    public async Task Owning_one_team_gives_no_rights_in_the_channel_of_another()
    {
        const string otherGroup = "9b2a4d6f-3c5e-4f7a-8b1c-2d3e4f5a6b7c";
        _graph.Roster[(Group, Owner)] = ["owner"];
        _graph.Roster[(otherGroup, Owner)] = [];

        await ReplyContainingAsync(InTeam(Mention(Owner, "nudge weekly tue 09:00 Europe/Berlin"), otherGroup, "19:other-team@thread.tacv2"), NudgeRefusal);
    }

    [Theory]
    [InlineData(500, false)]
    [InlineData(429, false)]
    [InlineData(403, false)]
    [InlineData(null, true)]
    public async Task When_Graph_fails_the_owner_is_refused_without_an_error_and_the_failure_is_logged_without_ids(int? status, bool garbled)
    {
        _graph.Roster[(Group, Owner)] = ["owner"];
        _graph.Failure = status;
        _graph.Garbled = garbled;

        await ReplyContainingAsync(InTeam(Mention(Owner, "nudge weekly tue 09:00 Europe/Berlin"), Group), NudgeRefusal);
        await ReplyContainingAsync(Personal(Owner, "peerbot stats"), StatsRefusal);

        // Two questions (the channel's team; in the personal chat, the team now known as installed), two warnings.
        var warnings = _logs.Records.Where(r => r.Level == LogLevel.Warning && r.Category == "PeerBot.Teams.GraphTeamRoster").ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Contains(status is { } code ? $"answered {code}" : "unreadable answer", w.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Records, r => r.AllText.Contains(Owner, StringComparison.OrdinalIgnoreCase) || r.AllText.Contains(Group, StringComparison.OrdinalIgnoreCase));

        // A failure is not remembered: once Graph answers again, the owner is an owner.
        _graph.Failure = null;
        _graph.Garbled = false;
        await ReplyContainingAsync(InTeam(Mention(Owner, "nudge weekly tue 09:00 Europe/Berlin"), Group), NudgeSet);
    }

    [Fact]
    public async Task A_Graph_that_does_not_answer_in_time_refuses_the_owner_and_the_turn_still_ends()
    {
        _graph.Roster[(Group, Owner)] = ["owner"];
        _graph.Delay = TimeSpan.FromSeconds(30);
        var started = DateTime.UtcNow;

        await ReplyContainingAsync(InTeam(Mention(Owner, "nudge weekly tue 09:00 Europe/Berlin"), Group), NudgeRefusal);

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "The lookup should give up after a few seconds.");
        Assert.Contains(_logs.Records, r => r.Level == LogLevel.Warning && r.Message.Contains("(timeout)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Answers_are_remembered_per_team_and_user()
    {
        _graph.Roster[(Group, Owner)] = ["owner"];
        _graph.Roster[(Group, Member)] = [];

        await ReplyContainingAsync(InTeam(Mention(Owner, "nudge weekly tue 09:00 Europe/Berlin"), Group), NudgeSet);
        await ReplyContainingAsync(InTeam(Mention(Owner, "nudge weekly wed 10:00 Europe/Berlin"), Group), NudgeSet);
        await ReplyContainingAsync(InTeam(Mention(Member, "nudge off"), Group), NudgeRefusal);
        await ReplyContainingAsync(InTeam(Mention(Member, "nudge off"), Group), NudgeRefusal);
        await ReplyContainingAsync(InTeam(Mention(Owner, "nudge off"), Group), "off for this channel");

        Assert.Equal(2, _graph.Calls);
    }

    [Fact]
    public async Task Configured_ids_stay_admins_without_asking_Graph()
    {
        _graph.Roster[(Group, Configured)] = [];

        await ReplyContainingAsync(InTeam(Mention(Configured, "nudge weekly tue 09:00 Europe/Berlin"), Group), NudgeSet);
        await ReplyContainingAsync(Personal(Configured, "peerbot stats"), StatsShown);

        Assert.Equal(0, _graph.Calls);
    }

    [Fact]
    public async Task Ids_that_are_not_object_ids_are_never_sent_to_Graph()
    {
        var injected = InTeam(Mention(Owner, "nudge weekly tue 09:00 Europe/Berlin"), Group);
        injected["from"]!["aadObjectId"] = Owner + "') or (1 eq 1";
        await ReplyContainingAsync(injected, NudgeRefusal);
        await ReplyContainingAsync(InTeam(Mention(Owner, "nudge weekly tue 09:00 Europe/Berlin"), "../../users", "19:odd-team@thread.tacv2"), NudgeRefusal);

        Assert.Equal(0, _graph.Calls);
    }

    [Fact]
    public async Task Channel_data_whose_team_is_not_an_object_names_no_team_and_the_turn_is_answered()
    {
        _graph.Roster[(Group, Owner)] = ["owner"];
        var odd = InTeam(Mention(Owner, "nudge weekly tue 09:00 Europe/Berlin"), Group);
        odd["channelData"]!["team"] = new JsonArray(1, 2);

        await ReplyContainingAsync(odd, NudgeRefusal);
        Assert.Equal(0, _graph.Calls);
    }

    [Fact]
    public async Task Without_a_group_id_in_channel_data_the_team_is_looked_up_once_and_remembered()
    {
        _graph.Roster[(Group, Owner)] = ["owner"];
        Connector.Teams[TeamId] = Group;

        await ReplyContainingAsync(InTeam(Mention(Owner, "nudge weekly tue 09:00 Europe/Berlin"), null), NudgeSet);
        await ReplyContainingAsync(InTeam(Mention(Owner, "nudge off"), null), "off for this channel");

        Assert.Equal(1, Connector.TeamLookups);
        // The team is now known as an install: its owner is an admin in a personal chat too.
        await ReplyContainingAsync(Personal(Owner, "peerbot stats"), StatsShown);
    }

    [Fact]
    public async Task In_a_personal_chat_only_teams_of_the_members_own_tenant_with_PeerBot_installed_count()
    {
        const string otherTenant = "4f9a0d5c-7e6b-4a2f-9c3d-0e9f8a7b6c5d";
        const string foreignGroup = "6b1c2f7e-9a8d-4c4b-8e5f-2a1b0c9d8e7f";
        _graph.Roster[(Group, Owner)] = ["owner"];
        _graph.Roster[(foreignGroup, Owner)] = ["owner"];

        // Installed only in a team of another tenant (whose group the member happens to own): not an admin here.
        await InstallAsync("19:elsewhere@thread.tacv2", foreignGroup, otherTenant);
        await ReplyContainingAsync(Personal(Owner, "peerbot stats"), StatsRefusal);
        Assert.Equal(0, _graph.Calls);

        await InstallAsync(TeamId, Group);
        await ReplyContainingAsync(Personal(Owner, "peerbot stats"), StatsShown);

        // Removed from the team: its owners are admins no more (a new member is asked afresh, not from the cache).
        using (var removed = await PostAsync(Activities.BotInTeam(Connector.ServiceUrl, Owner, TeamId, Group, added: false)))
        {
            Assert.True(removed.IsSuccessStatusCode);
        }
        _graph.Roster[(Group, Member)] = ["owner"];
        await ReplyContainingAsync(Personal(Member, "peerbot stats"), StatsRefusal);
    }

    private async Task InstallAsync(string teamId, string group, string tenant = Activities.Tenant)
    {
        using var response = await PostAsync(Activities.BotInTeam(Connector.ServiceUrl, Owner, teamId, group, tenant: tenant));
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
    }

    private JsonObject Mention(string user, string text) => Activities.ChannelMention(Connector.ServiceUrl, user, text, Channel);

    private static JsonObject InTeam(JsonObject activity, string? group, string teamId = TeamId) => Activities.InTeam(activity, teamId, group);

    private JsonObject Personal(string user, string text) => Activities.Message(Connector.ServiceUrl, user, text);
}

/// <summary>Local use (no MicrosoftAppId): there is no identity to ask Graph with, so nobody is a team owner.</summary>
public sealed class LocalTeamOwnerTests() : BotTestBase("teamownerslocal")
{
    private const string TeamId = "19:local-team@thread.tacv2";
    private const string Group = "7c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f";
    private const string Owner = "0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b";

    private readonly GraphStub _graph = new("any-token");

    protected override BotHost CreateHost(string hint) => new(hint, new Dictionary<string, string?> { ["Graph:BaseUrl"] = _graph.BaseUrl });

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task Nobody_owns_a_team_and_Graph_is_never_called()
    {
        _graph.Roster[(Group, Owner)] = ["owner"];
        using (var installed = await PostAsync(Activities.BotInTeam(Connector.ServiceUrl, Owner, TeamId, Group)))
        {
            Assert.True(installed.IsSuccessStatusCode);
        }

        await ReplyContainingAsync(Activities.InTeam(Activities.ChannelMention(Connector.ServiceUrl, Owner, "nudge weekly tue 09:00 Europe/Berlin", TeamId), TeamId, Group), "Only channel or workspace admins");
        await ReplyContainingAsync(Activities.Message(Connector.ServiceUrl, Owner, "peerbot stats"), "Only PeerBot admins");

        Assert.Equal(0, _graph.Calls);
    }
}
