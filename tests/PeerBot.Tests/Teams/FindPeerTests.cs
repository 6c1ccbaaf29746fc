using PeerBot.Profiles;

namespace PeerBot.Tests.Teams;

public sealed class FindPeerTests() : BotTestBase("findpeer")
{
    private const string Asker = "u-asker";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedAsync(
            Leader("import:vp-a", "Grace Hopper", "VP Marketing", "Harbor Analytics", 250, email: "grace@harbor.example", topics: ["pricing"]),
            Leader("import:vp-b", "Katherine Johnson", "Vice President of Marketing", "Orbit Foods", 4000, email: "kj@orbit.example"),
            Leader("import:cmo", "Dorothy Vaughan", "CMO", "Northwind Labs", 300, email: "dv@northwind.example"),
            Leader("import:hidden", "Hidden Person", "VP Marketing", "Quiet Co", 250, discoverable: false, email: "hp@quiet.example"),
            Leader("import:colleague", "Same Tenant", "VP Marketing", "Asker's Employer", 250, organizationKey: "tenant:" + Activities.Tenant),
            Leader("import:same-domain", "Same Domain", "VP Marketing", "Asker's Employer", 250, email: "sd@asker.example"),
            Leader("import:eng", "Margaret Hamilton", "VP Engineering", "Apollo Systems", 250, email: "mh@apollo.example"));
    }

    [Fact]
    public async Task Findpeer_returns_peers_at_other_organizations_only()
    {
        var replies = await SayAsync(Activities.Message(Connector.ServiceUrl, Asker, "/findpeer VP marketing"), 3);
        var results = replies[^1];

        Assert.Contains("Grace Hopper", results.CardText, StringComparison.Ordinal);
        Assert.Contains("Katherine Johnson", results.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden Person", results.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain("Same Tenant", results.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain("Margaret Hamilton", results.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Findpeer_excludes_the_askers_email_domain_and_the_asker()
    {
        await SeedAsync(Leader("msteams:" + Asker, "The Asker", "VP Marketing", "Asker's Employer", 250, email: "me@asker.example", organizationKey: "domain:asker.example"));

        var replies = await SayAsync(Activities.Message(Connector.ServiceUrl, Asker, "findpeer vice president of marketing"), 1);

        Assert.DoesNotContain("Same Domain", replies[0].CardText, StringComparison.Ordinal);
        Assert.DoesNotContain("The Asker", replies[0].CardText, StringComparison.Ordinal);
        Assert.Contains("Grace Hopper", replies[0].CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Findpeer_understands_cmo()
    {
        var replies = await SayAsync(Activities.Message(Connector.ServiceUrl, Asker, "findpeer CMO"), 3);
        Assert.Contains("Dorothy Vaughan", replies[^1].CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Findpeer_before_a_profile_exists_invites_the_asker_to_create_one()
    {
        var replies = await SayAsync(Activities.Message(Connector.ServiceUrl, "u-newcomer", "findpeer VP marketing"), 3);
        var results = replies[^1];
        Assert.Contains("editProfile", results.CardText, StringComparison.Ordinal);
        Assert.Contains("Grace Hopper", results.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Findpeer_in_a_channel_with_the_bot_mentioned_answers_in_the_channel()
    {
        var channel = "19:leaders@thread.tacv2";
        var replies = await SayAsync(Activities.ChannelMention(Connector.ServiceUrl, Asker, "findpeer VP marketing", channel), 1);
        Assert.Contains("Grace Hopper", replies[0].CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unrecognisable_role_gets_a_helpful_message_not_an_empty_card()
    {
        var replies = await SayAsync(Activities.Message(Connector.ServiceUrl, Asker, "findpeer purple elephant"), 3);
        Assert.Contains("couldn't tell which role", replies[^1].CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_nobody_holds_gets_a_helpful_message()
    {
        var replies = await SayAsync(Activities.Message(Connector.ServiceUrl, Asker, "findpeer chief legal officer"), 3);
        Assert.Contains("No one outside your organization", replies[^1].CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_and_unknown_text_bring_the_help_card()
    {
        await SeedAsync(Leader("msteams:u-helped", "Helped", "VP Sales", "Helped Co", 100));
        foreach (var text in new[] { "help", "tell me a joke" })
        {
            var replies = await SayAsync(Activities.Message(Connector.ServiceUrl, "u-helped", text), 1);
            Assert.Contains("findpeer <role>", replies[0].Activity["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }
}
