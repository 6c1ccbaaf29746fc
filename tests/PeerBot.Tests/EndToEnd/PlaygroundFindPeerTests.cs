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
    public async Task Onboarding_through_the_form_then_an_accepted_intro_shows_the_connected_card_with_both_emails()
    {
        var port = Azurite.FreePort();
        await using var bot = new BotHost("e2eintro");
        bot.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        bot.StartServer();
        await using var peerChat = new ConnectorStub();
        var profiles = bot.Services.GetRequiredService<ProfileStore>();
        // Only Imogen exists before: Alex starts from nothing, as a newcomer does.
        await SeedAsync(profiles, "msteams:u-imogen", "Imogen Ashcombe", "VP Marketing", "Larchbury Instruments", "larchbury.example", channel: "msteams");
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

            // The welcome knows Alex's name from the roster alone; the form follows it.
            await Assertions.Expect(page.GetByText("Welcome to PeerBot, Alex!").First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = wait });
            var form = page.Locator(".ac-adaptiveCard").Filter(new LocatorFilterOptions { HasText = "Your PeerBot profile" }).Last;
            await form.GetByLabel("Job title").FillAsync("VP Marketing");
            await form.GetByLabel("Organization", new LocatorGetByLabelOptions { Exact = true }).FillAsync("Playground Tenant Co");
            await form.GetByLabel("Headcount of your organization").FillAsync("400");
            await form.GetByLabel("Topics you would like to discuss").FillAsync("pricing; brand building");
            await form.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Save profile" }).ClickAsync(new LocatorClickOptions { Timeout = wait });
            await Assertions.Expect(page.GetByText("Your profile is saved.").First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = wait });
            var alex = (await profiles.GetAsync("msteams:" + AgentsPlayground.UserId, CancellationToken.None))!.Peer;
            Assert.Equal(("VP Marketing", "alexw@example.com"), (alex.Title, alex.Email));

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
            Assert.DoesNotContain("alexw@example.com", request.CardText, StringComparison.Ordinal);

            await PostAsync(http, Activities.Submit(peerChat.ServiceUrl, "u-imogen", new System.Text.Json.Nodes.JsonObject
            {
                ["action"] = PeerBot.Intros.IntroVerbs.Accept, ["intro"] = intro.PairKey, ["round"] = intro.Round,
            }));
            var connected = page.Locator(".ac-adaptiveCard").Filter(new LocatorFilterOptions { HasText = "You're connected with Imogen Ashcombe" });
            await Assertions.Expect(connected).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = wait });
            Assert.Contains("imogen@larchbury.example", await connected.InnerTextAsync(), StringComparison.Ordinal);
            var deadline = DateTime.UtcNow + Patience;
            SentActivity? forImogen;
            while ((forImogen = peerChat.SentTo(Activities.PersonalConversation("u-imogen")).LastOrDefault(s => PeerBot.Tests.Tenancy.TeamsProtocol.TemplateOf(s) == "introConnected")) is null
                && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            Assert.Contains("alexw@example.com", forImogen?.CardText ?? "", StringComparison.Ordinal);
        }
        catch
        {
            await SaveArtifactsAsync(page, playground);
            throw;
        }
    }

    [Fact]
    public async Task With_the_demo_network_a_newcomer_sees_the_whole_loop_to_a_connected_card()
    {
        var port = Azurite.FreePort();
        await using var bot = new BotHost("e2edemo", new Dictionary<string, string?> { ["Demo:Seed"] = "true", ["Demo:AnswerAfterSeconds"] = "2" });
        bot.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        bot.StartServer();
        var leaders = PeerBot.Demo.DemoNetwork.Generate(DateTimeOffset.UtcNow).Select(l => l.Peer).ToDictionary(p => p.Name, StringComparer.Ordinal);

        await using var playground = await AgentsPlayground.StartAsync(new Uri($"http://127.0.0.1:{port}/api/messages"), Patience);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var wait = (float)Patience.TotalMilliseconds;
        try
        {
            await page.GotoAsync(playground.Address.ToString());
            var form = page.Locator(".ac-adaptiveCard").Filter(new LocatorFilterOptions { HasText = "Your PeerBot profile" }).Last;
            await form.GetByLabel("Job title").FillAsync("VP Marketing", new LocatorFillOptions { Timeout = wait });
            await form.GetByLabel("Headcount of your organization").FillAsync("300");
            await form.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Save profile" }).ClickAsync();
            var profile = page.Locator(".ac-adaptiveCard").Filter(new LocatorFilterOptions { HasText = "Visible to leaders at other organizations" }).Last;
            await Assertions.Expect(profile).ToContainTextAsync("alexw@example.com", new LocatorAssertionsToContainTextOptions { Timeout = wait });

            await page.Locator(ComposeBox).ClickAsync();
            await page.Keyboard.TypeAsync("/findpeer VP marketing");
            await page.Keyboard.PressAsync("Enter");
            var results = page.Locator(".ac-adaptiveCard").Filter(new LocatorFilterOptions { HasText = "Peers for “VP marketing”" }).Last;
            await Assertions.Expect(results).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = wait });

            // The first result who accepts (most do): request, and the demo leader answers by themselves.
            var names = await results.Locator(".ac-container .ac-textBlock").AllInnerTextsAsync();
            var index = -1;
            Peer? leader = null;
            foreach (var text in names)
            {
                if (leaders.TryGetValue(text.Trim(), out var found))
                {
                    index++;
                    if (PeerBot.Demo.DemoAnswers.AnswerOf(found.Id) == PeerBot.Intros.IntroVerbs.Accept)
                    {
                        leader = found;
                        break;
                    }
                }
            }
            Assert.NotNull(leader);
            await results.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Request intro" }).Nth(index).ClickAsync();
            await results.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Send request" }).ClickAsync(new LocatorClickOptions { Timeout = wait });
            await Assertions.Expect(results).ToContainTextAsync("Intro requested", new LocatorAssertionsToContainTextOptions { Timeout = wait });

            var connected = page.Locator(".ac-adaptiveCard").Filter(new LocatorFilterOptions { HasText = "You're connected with " + leader.Name });
            await Assertions.Expect(connected).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = wait });
            Assert.Contains(leader.Email!, await connected.InnerTextAsync(), StringComparison.Ordinal);
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
