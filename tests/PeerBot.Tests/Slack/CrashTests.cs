using System.Net;
using Azure.Data.Tables;
using PeerBot.Storage;
using PeerBot.Tests.Nudges;
using PeerBot.Tests.Storage;
using PeerBot.Tests.Teams;
using Xunit.Abstractions;

namespace PeerBot.Tests.Slack;

/// <summary>
/// Acknowledged work survives the instance that acknowledged it: the bot's own executable acknowledges a command and
/// is killed (Process.Kill) while the answer is still being worked out; another instance takes the work over, and
/// the answer arrives, once.
/// </summary>
[Collection(HeavyRuns.Name)]
public sealed class CrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    private readonly SlackStub _slack = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task A_command_acknowledged_by_an_instance_killed_before_answering_is_answered_once_by_another()
    {
        var prefix = Azurite.UniquePrefix("slackcrash");
        var port = Azurite.FreePort();
        _slack.Users["U0ASKER"] = ("Ada Asker", "ada@asker.example");
        // The doomed instance gets as far as asking Slack who the member is, and hears nothing until it dies.
        var asked = new TaskCompletionSource();
        _slack.Script("users.info", async response =>
        {
            asked.TrySetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, response.HttpContext.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The process that asked is gone.
            }
        });

        using var doomed = EngineHosts.Executable(Settings(prefix, $"http://127.0.0.1:{port}"));
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilUpAsync(client, doomed);
            using var acknowledged = await client.SendAsync(SlackRequests.SignedPost("/slack/commands",
                SlackRequests.Command("U0ASKER", "/peerbot", "help", "C0GENERAL", _slack.ResponseUrl("crash"))));
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
            await asked.Task.WaitAsync(TimeSpan.FromSeconds(30));

            doomed.Kill(entireProcessTree: true);
            await doomed.WaitForExitAsync();
            Assert.Empty(_slack.CallsTo("response_url:crash"));
            output.WriteLine("Killed the instance that acknowledged the command, before it answered.");

            await using var survivor = new BotHost("slackcrash", Settings(prefix, null));
            _ = survivor.Services; // starts it, and with it the Slack workers
            var answer = await _slack.WaitForAsync(c => c.Method == "response_url:crash", TimeSpan.FromSeconds(60), "the answer from the instance that took over");
            // Anything sent twice would have arrived by now.
            await Task.Delay(Lease * 2);

            Assert.Single(_slack.CallsTo("response_url:crash"));
            Assert.Contains("findpeer", answer.Raw, StringComparison.Ordinal);
            Assert.Equal(0, await WaitingAsync(prefix));
        }
        finally
        {
            if (!doomed.HasExited)
            {
                doomed.Kill(entireProcessTree: true);
            }
        }
    }

    private Dictionary<string, string?> Settings(string prefix, string? urls)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:TablePrefix"] = prefix,
            ["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl.ToString(),
            ["Slack:SigningSecret"] = SlackRequests.SigningSecret,
            ["Slack:BotToken"] = SlackTestBase.BotToken,
            ["Slack:WorkLease"] = Lease.ToString(),
            ["Slack:TakeOverInterval"] = "00:00:00.500",
            ["Slack:MessageInterval"] = "00:00:00.010",
        };
        if (urls is not null)
        {
            settings["ASPNETCORE_URLS"] = urls;
        }
        return settings;
    }

    private static async Task WaitUntilUpAsync(HttpClient client, System.Diagnostics.Process process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var health = await client.GetAsync("/healthz");
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The bot process did not come up (exited: {process.HasExited}).");
    }

    private static async Task<int> WaitingAsync(string prefix)
    {
        var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(new TableNames(prefix).SlackWork);
        var rows = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            rows++;
        }
        return rows;
    }
}
