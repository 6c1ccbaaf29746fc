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

    private static async Task SeedAsync(ProfileStore profiles, string id, string name, string title, string organization, string domain, string? organizationKey = null)
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
            Channel = "import",
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
