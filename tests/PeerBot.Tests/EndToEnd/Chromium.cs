using Microsoft.Playwright;

namespace PeerBot.Tests.EndToEnd;

/// <summary>
/// Debian's headless Chromium driven by Playwright. Playwright never downloads a browser here:
/// it is always given the system one.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ExecutablePath}: run scripts/test.sh as root (it installs it) or 'apt-get install chromium'.");
        }
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // The machine has no network beyond loopback: background fetches would only fail and slow the start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-sync", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }
}
