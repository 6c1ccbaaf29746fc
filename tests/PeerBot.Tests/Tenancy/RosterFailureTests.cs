using PeerBot.Intros;
using PeerBot.Profiles;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Tenancy;

/// <summary>
/// A tenant whose roster lookups fail (403, 429, 500, or no answer in time) never holds up an intro: the member is
/// welcomed and saves their profile, the intro connects, and the other side's card, having no way to reach them,
/// offers the one message PeerBot forwards. Each failing member costs one lookup, remembered.
/// </summary>
public sealed class RosterFailureTests() : TenantTestBase("rosterfail")
{
    private const string Steady = "5e5e5e5e-0000-4000-8000-000000005e5e";
    private const string Failing = "fa11fa11-0000-4000-8000-00000000fa11";

    private readonly Person _sam = new("5a5a0001-0000-4000-8000-000000000001", Steady, "Sam Steady");
    private readonly Person _flo = new("f1f10002-0000-4000-8000-000000000002", Failing, "Flo Fickle");

    [Theory]
    [InlineData(403)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(0)]
    public async Task A_failing_roster_never_blocks_the_intro_and_the_card_offers_the_relay(int status)
    {
        Tenant(Steady).Roster[_sam.User] = new RosterMember(_sam.Name, "sam@steady.example", "sam@steady.example", Steady);
        if (status == 0)
        {
            Tenant(Failing).RosterDelay = TimeSpan.FromSeconds(5);
            Tenant(Failing).Roster[_flo.User] = new RosterMember(_flo.Name, "flo@fickle.example", "flo@fickle.example", Failing);
        }
        else
        {
            Tenant(Failing).RosterFailure = status;
        }

        await OnboardAsync(_sam, "VP Marketing", "Steady Co");
        var floOnboarding = await OnboardAsync(_flo, "VP Marketing", "Fickle Inc");
        // One failed lookup for Flo (the connector client may retry a 429 or 500 within it), remembered from then on.
        var lookups = Tenant(Failing).RosterLookups;
        Assert.True(lookups >= 1);
        // No name from the roster: a welcome without one, never "there" or an empty name.
        Assert.Contains("Welcome to PeerBot!", floOnboarding.First(s => TeamsProtocol.TemplateOf(s) == "welcome").CardText, StringComparison.Ordinal);
        Assert.Null((await Get<ProfileStore>().GetAsync(_flo.PeerId, CancellationToken.None))!.Peer.Email);

        Assert.Contains("Flo Fickle", await FindAsync(_sam, "VP marketing"));
        await RequestIntroAsync(_sam, _flo, "Hello from Steady");
        await AnswerAsync(_flo, IntroVerbs.Accept);

        var forSam = Card(_sam, "introConnected");
        Assert.DoesNotContain("Email", Facts(forSam).Keys);
        Assert.All(Facts(forSam), f => Assert.False(string.IsNullOrWhiteSpace(f.Value), $"empty {f.Key}"));
        Assert.Contains("Write here and PeerBot forwards your message once", forSam.CardText, StringComparison.Ordinal);
        var forFlo = Card(_flo, "introConnected");
        Assert.Equal("sam@steady.example", Facts(forFlo)["Email"]);
        Assert.Equal(IntroState.Connected, (await CurrentIntroAsync()).State);

        // No further lookup for Flo, however many turns and cards needed her: the failure is remembered.
        Assert.Equal(lookups, Tenant(Failing).RosterLookups);

        // The relay: Sam's one message reaches Flo, with Sam's address; a second one does not go.
        var write = Buttons(forSam.Card).Single(b => b["verb"]?.GetValue<string>() == IntroVerbs.Relay);
        var data = (write["data"]!.DeepClone() as System.Text.Json.Nodes.JsonObject)!;
        data["message"] = "Glad we're connected. Call me on +1 555 0100?";
        var sent = await SayAsync(_sam, TeamsProtocol.Execute(Tenant(Steady).ServiceUrl, _sam.User, Steady, IntroVerbs.Relay, (System.Text.Json.Nodes.JsonObject)data.DeepClone(), _sam.Name));
        Assert.Contains(sent, s => s.Text?.StartsWith("Sent. PeerBot delivered your message to Flo Fickle", StringComparison.Ordinal) == true);
        var relayed = Card(_flo, "introRelay");
        Assert.Contains("Glad we're connected. Call me on +1 555 0100?", relayed.CardText, StringComparison.Ordinal);
        Assert.Equal("sam@steady.example", Facts(relayed)["Email"]);

        var again = await SayAsync(_sam, TeamsProtocol.Execute(Tenant(Steady).ServiceUrl, _sam.User, Steady, IntroVerbs.Relay, (System.Text.Json.Nodes.JsonObject)data.DeepClone(), _sam.Name));
        Assert.Contains(again, s => s.Text?.Contains("already sent your one message", StringComparison.Ordinal) == true);
        Assert.Single(Tenant(Failing).SentTo(_flo.Chat), s => TeamsProtocol.TemplateOf(s) == "introRelay");
    }

    private async Task<Introduction> CurrentIntroAsync() =>
        (await Get<IntroStore>().GetAsync(IntroRules.PairKey(_sam.PeerId, _flo.PeerId), CancellationToken.None))!.Value.Intro;
}
