using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PeerBot.Profiles;
using PeerBot.Tests.Storage;
using PeerBot.Tests.Teams;
using Xunit.Abstractions;

namespace PeerBot.Tests.EndToEnd;

/// <summary>
/// A person's view of the bot: the real app on Kestrel, the Agents Playground in front of it as the
/// Teams stand-in, and headless Chromium typing into the Playground's chat.
/// </summary>
public sealed class PlaygroundFindPeerTests(ITestOutputHelper output)
{
    private const string ComposeBox = "[contenteditable='true'][role='textbox']";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Findpeer_typed_in_the_playground_shows_a_card_with_peers_at_other_organizations()
    {
        var port = Azurite.FreePort();
        await using var bot = new BotHost("e2e");
        bot.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        bot.StartServer();
        var profiles = bot.Services.GetRequiredService<ProfileStore>();
        await Task.WhenAll(
            SeedAsync(profiles, "e2e:vp-1", "Imogen Ashcombe", "VP Marketing", "Larchbury Instruments", "larchbury.example"),
            SeedAsync(profiles, "e2e:vp-2", "Teodoro Vantini", "Vice President, Marketing", "Quayside Orchards", "quaysideorchards.example"),
            SeedAsync(profiles, "e2e:vp-3", "Maren Holtby", "VP of Marketing", "Tallowmere Freight", "tallowmere.example"),
            // Same tenant as the Playground's user: a colleague, never a peer.
            SeedAsync(profiles, "e2e:colleague", "Colm Treacy", "VP Marketing", "Playground Tenant Co", "playgroundco.example", "tenant:" + AgentsPlayground.Tenant),
            SeedAsync(profiles, "e2e:engineer", "Ilse Brandvold", "VP Engineering", "Larchbury Instruments", "larchbury.example"));

        await using var playground = await AgentsPlayground.StartAsync(new Uri($"http://127.0.0.1:{port}/api/messages"), Patience);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        try
        {
            await page.GotoAsync(playground.Address.ToString());
            // The compose box is a contenteditable editor; the welcome card's inputs are textboxes too.
            await page.Locator(ComposeBox).ClickAsync(new LocatorClickOptions { Timeout = (float)Patience.TotalMilliseconds });
            await page.Keyboard.TypeAsync("/findpeer VP marketing");
            await page.Keyboard.PressAsync("Enter");

            var results = page.Locator(".ac-adaptiveCard").Filter(new LocatorFilterOptions { HasText = "Imogen Ashcombe" });
            await Assertions.Expect(results).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = (float)Patience.TotalMilliseconds });
            var card = await results.InnerTextAsync();
            Assert.Contains("Teodoro Vantini", card, StringComparison.Ordinal);
            Assert.Contains("Maren Holtby", card, StringComparison.Ordinal);
            Assert.Contains("Larchbury Instruments", card, StringComparison.Ordinal);
            Assert.DoesNotContain("Colm Treacy", card, StringComparison.Ordinal);
            Assert.DoesNotContain("Ilse Brandvold", card, StringComparison.Ordinal);
        }
        catch
        {
            await SaveArtifactsAsync(page, playground);
            throw;
        }
    }

    [Fact]
    public async Task An_intro_requested_in_the_playground_and_accepted_by_the_peer_shows_the_connected_card()
    {
        var port = Azurite.FreePort();
        await using var bot = new BotHost("e2eintro");
        bot.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        bot.StartServer();
        await using var peerChat = new ConnectorStub();
        var profiles = bot.Services.GetRequiredService<ProfileStore>();
        await Task.WhenAll(
            SeedAsync(profiles, "msteams:" + AgentsPlayground.UserId, "Alex Wilber", "VP Marketing", "Playground Tenant Co", "playgroundco.example", "tenant:" + AgentsPlayground.Tenant, "msteams"),
            SeedAsync(profiles, "msteams:u-imogen", "Imogen Ashcombe", "VP Marketing", "Larchbury Instruments", "larchbury.example", channel: "msteams"));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        // Imogen has talked to the bot before (in her own Teams), so she can be reached.
        await PostAsync(http, Activities.Message(peerChat.ServiceUrl, "u-imogen", "help"));
        await peerChat.WaitForAsync(Activities.PersonalConversation("u-imogen"), 1);

        await using var playground = await AgentsPlayground.StartAsync(new Uri($"http://127.0.0.1:{port}/api/messages"), Patience);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var wait = (float)Patience.TotalMilliseconds;
        try
        {
            await page.GotoAsync(playground.Address.ToString());
            await page.Locator(ComposeBox).ClickAsync(new LocatorClickOptions { Timeout = wait });
            await page.Keyboard.TypeAsync("/findpeer VP marketing");
            await page.Keyboard.PressAsync("Enter");

            var results = page.Locator(".ac-adaptiveCard").Filter(new LocatorFilterOptions { HasText = "Imogen Ashcombe" }).Last;
            await results.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Request intro" }).ClickAsync(new LocatorClickOptions { Timeout = wait });
            await results.Locator("textarea, input[type='text']").Last.FillAsync("Comparing notes on pricing?");
            await results.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Send request" }).ClickAsync(new LocatorClickOptions { Timeout = wait });
            await Assertions.Expect(page.GetByText("Request sent.").First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = wait });

            var store = bot.Services.GetRequiredService<PeerBot.Intros.IntroStore>();
            var pair = PeerBot.Intros.IntroRules.PairKey("msteams:" + AgentsPlayground.UserId, "msteams:u-imogen");
            var intro = (await store.GetAsync(pair, CancellationToken.None))!.Value.Intro;
            Assert.Equal("Comparing notes on pricing?", intro.Note);
            var request = (await peerChat.WaitForAsync(Activities.PersonalConversation("u-imogen"), 2))[^1];
            Assert.Contains("Alex Wilber", request.CardText, StringComparison.Ordinal);

            await PostAsync(http, Activities.Submit(peerChat.ServiceUrl, "u-imogen", new System.Text.Json.Nodes.JsonObject
            {
                ["action"] = PeerBot.Intros.IntroVerbs.Accept, ["intro"] = intro.PairKey, ["round"] = intro.Round,
            }));
            var connected = page.Locator(".ac-adaptiveCard").Filter(new LocatorFilterOptions { HasText = "You're connected with Imogen Ashcombe" });
            await Assertions.Expect(connected).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = wait });
            Assert.Contains("imogen@larchbury.example", await connected.InnerTextAsync(), StringComparison.Ordinal);
        }
        catch
        {
            await SaveArtifactsAsync(page, playground);
            throw;
        }
    }

    private static async Task PostAsync(HttpClient http, System.Text.Json.Nodes.JsonObject activity)
    {
        using var content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("api/messages", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task SeedAsync(ProfileStore profiles, string id, string name, string title, string organization, string domain, string? organizationKey = null, string channel = "import")
    {
        var email = name.Split(' ')[0].ToLowerInvariant() + "@" + domain;
        var peer = new Peer
        {
            Id = id,
            Name = name,
            Title = title,
            Organization = organization,
            OrganizationKey = organizationKey ?? OrganizationKeys.For(null, email, organization),
            Headcount = 400,
            Industry = "Manufacturing",
            TimeZone = "Europe/Dublin",
            Topics = ["pricing", "brand building"],
            Email = email,
            Channel = channel,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        await profiles.SaveAsync(peer, null, CancellationToken.None, overwrite: true);
    }

    /// <summary>A screenshot, the page and the Playground's log, where a person can look at what went wrong.</summary>
    private async Task SaveArtifactsAsync(IPage page, AgentsPlayground playground)
    {
        var folder = Path.Combine(Azurite.RepositoryRoot(), ".local", "test-results", "e2e");
        Directory.CreateDirectory(folder);
        var stem = Path.Combine(folder, "findpeer-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = stem + ".png", FullPage = true });
            await File.WriteAllTextAsync(stem + ".html", await page.ContentAsync());
        }
        catch (PlaywrightException e)
        {
            output.WriteLine("Could not capture the page: " + e.Message);
        }
        await File.WriteAllTextAsync(stem + "-playground.log", playground.Log);
        output.WriteLine($"Screenshot: {stem}.png");
        output.WriteLine($"Page: {stem}.html");
        output.WriteLine($"Playground log: {stem}-playground.log");
    }
}
