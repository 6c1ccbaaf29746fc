using PeerBot.Intros;
using PeerBot.Profiles;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Tenancy;

/// <summary>
/// Two members in two tenants start from nothing, through the Teams protocol alone: install, the form they are
/// shown, findpeer, an intro request, the accept. Their emails come only from each tenant's roster, and reach the
/// other side only in the connected card, with a Teams chat link.
/// </summary>
public sealed class TwoTenantIntroTests() : TenantTestBase("twotenants")
{
    private const string Contoso = "c0c0c0c0-0000-4000-8000-00000000c0c0";
    private const string Fabrikam = "fabfab00-0000-4000-8000-00000000fab0";

    private readonly Person _ada = new("aaaa0001-0000-4000-8000-000000000001", Contoso, "Ada Lindqvist");
    private readonly Person _ben = new("bbbb0002-0000-4000-8000-000000000002", Fabrikam, "Ben Okafor");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Tenant(Contoso).Roster[_ada.User] = new RosterMember(_ada.Name, "ada@contoso.example", "ada@contoso.example", Contoso);
        // Ben signs in with a name that is not his mail address: the chat link must use the sign-in name.
        Tenant(Fabrikam).Roster[_ben.User] = new RosterMember(_ben.Name, "ben.okafor@fabrikam.example", "bokafor@fabrikam.example", Fabrikam);
    }

    [Fact]
    public async Task Install_form_findpeer_request_accept_ends_with_both_emails_and_chat_links_and_nothing_before()
    {
        var adaOnboarding = await OnboardAsync(_ada, "VP Marketing", "Contoso", preferredContact: "+46 8 123 456");
        var benOnboarding = await OnboardAsync(_ben, "Vice President of Marketing", "Fabrikam");

        // The welcome knows the name, and the form knows the organization, from the roster alone.
        Assert.Contains("Welcome to PeerBot, Ada!", adaOnboarding.First(s => TeamsProtocol.TemplateOf(s) == "welcome").CardText, StringComparison.Ordinal);
        var form = adaOnboarding.First(s => TeamsProtocol.TemplateOf(s) == "profileForm").CardText;
        Assert.Contains("Ada Lindqvist", form, StringComparison.Ordinal);
        Assert.Contains("Colleagues at Contoso (contoso.example) are never suggested", form, StringComparison.Ordinal);
        Assert.Single(adaOnboarding, s => TeamsProtocol.TemplateOf(s) == "welcome");

        // The form submit stored what the roster said.
        var ada = (await Get<ProfileStore>().GetAsync(_ada.PeerId, CancellationToken.None))!.Peer;
        Assert.Equal(("ada@contoso.example", "ada@contoso.example", Contoso, "tenant:" + Contoso), (ada.Email, ada.Upn, ada.TenantId, ada.OrganizationKey));
        var ben = (await Get<ProfileStore>().GetAsync(_ben.PeerId, CancellationToken.None))!.Peer;
        Assert.Equal(("ben.okafor@fabrikam.example", "bokafor@fabrikam.example"), (ben.Email, ben.Upn));

        Assert.Contains("Ben Okafor", await FindAsync(_ada, "VP marketing"));
        var sent = await RequestIntroAsync(_ada, _ben, "Compare notes on pricing?");
        Assert.Contains(sent, s => s.RawBody.Contains("Request sent", StringComparison.Ordinal));
        Assert.Contains("Ada Lindqvist", Card(_ben, "introRequest").CardText, StringComparison.Ordinal);

        // Nothing either side received so far names the other's address.
        AssertNoAddressOf(_ada, "ben.okafor@fabrikam.example", "bokafor@fabrikam.example");
        AssertNoAddressOf(_ben, "ada@contoso.example", "+46 8 123 456");

        await AnswerAsync(_ben, IntroVerbs.Accept);

        var forAda = Card(_ada, "introConnected");
        Assert.Equal("ben.okafor@fabrikam.example", Facts(forAda)["Email"]);
        Assert.Contains("https://teams.microsoft.com/l/chat/0/0?users=bokafor%40fabrikam.example", Links(forAda));
        var forBen = Card(_ben, "introConnected");
        Assert.Equal("ada@contoso.example", Facts(forBen)["Email"]);
        Assert.Equal("+46 8 123 456", Facts(forBen)["Prefers"]);
        Assert.Contains("https://teams.microsoft.com/l/chat/0/0?users=ada%40contoso.example", Links(forBen));
        foreach (var card in new[] { forAda, forBen })
        {
            Assert.All(Facts(card), f => Assert.False(string.IsNullOrWhiteSpace(f.Value), $"empty {f.Key}"));
            Assert.DoesNotContain("Write here and PeerBot forwards", card.CardText, StringComparison.Ordinal);
        }

        // Each member's roster was asked once (the install); the form, the search and the cards asked nothing more.
        Assert.Equal(1, Tenant(Contoso).RosterLookups);
        Assert.Equal(1, Tenant(Fabrikam).RosterLookups);
    }

    [Fact]
    public async Task A_result_already_requested_no_longer_offers_a_request()
    {
        await OnboardAsync(_ada, "VP Marketing", "Contoso");
        await OnboardAsync(_ben, "VP Marketing", "Fabrikam");
        var results = (await TypeAsync(_ada, "findpeer VP marketing"))[^1];
        var button = Buttons(results.Card).First(b => b["verb"]?.GetValue<string>() == IntroVerbs.Request);
        var data = (button["data"]!.DeepClone() as System.Text.Json.Nodes.JsonObject)!;
        data["note0"] = "Hello";

        // The click, as Teams sends it: an invoke whose replyToId names the results card.
        var invoke = TeamsProtocol.Execute(Tenant(Contoso).ServiceUrl, _ada.User, Contoso, IntroVerbs.Request, data, _ada.Name);
        invoke["replyToId"] = results.Id;
        using var response = await PostAsync(invoke);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Contains("Intro requested", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Request intro", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Findpeer_with_nothing_after_it_asks_for_a_role()
    {
        await OnboardAsync(_ada, "VP Marketing", "Contoso");
        var reply = (await TypeAsync(_ada, "/findpeer")).Single();
        Assert.Contains("Which role are you looking for?", reply.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain("“”", reply.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_shows_the_form_without_the_welcome_and_stray_text_brings_the_form_again()
    {
        var serviceUrl = Tenant(Contoso).ServiceUrl;
        var install = await SayAsync(_ada, TeamsProtocol.InstallationUpdate(serviceUrl, _ada.User, Contoso));
        Assert.Equal(["welcome", "profileForm"], install.Select(TeamsProtocol.TemplateOf));

        var profile = await TypeAsync(_ada, "profile");
        Assert.Equal(["profileForm"], profile.Select(TeamsProtocol.TemplateOf));

        // After a reload the earlier form is gone: stray text brings it back rather than pointing "above".
        var stray = await TypeAsync(_ada, "hello?");
        Assert.Contains(stray, s => s.Text?.Contains("fill in the profile form below", StringComparison.Ordinal) == true);
        Assert.Equal("profileForm", TeamsProtocol.TemplateOf(stray[^1]));
        Assert.DoesNotContain(stray, s => s.Text?.Contains("above", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_saved_profile_without_an_industry_shows_no_industry_row()
    {
        var said = await OnboardAsync(_ada, "VP Marketing", "Contoso");
        var shown = said.Last(s => TeamsProtocol.TemplateOf(s) == "profile");
        Assert.DoesNotContain("Industry", Facts(shown).Keys);
        Assert.Equal("ada@contoso.example", Facts(shown)["Email"]);
    }

    private void AssertNoAddressOf(Person viewer, params string[] addresses)
    {
        foreach (var sent in Tenant(viewer.Tenant).SentTo(viewer.Chat))
        {
            foreach (var address in addresses)
            {
                Assert.DoesNotContain(address, sent.RawBody, StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
