using PeerBot.Tests.Storage;
using PeerBot.Tests.Teams;
using Xunit.Abstractions;

namespace PeerBot.Tests.Nudges;

/// <summary>
/// The bot's own executable works the queue as a separate OS process and is killed (Process.Kill) in the middle
/// of a run; the instance that survives finishes the work, and no member's nudge is lost.
/// </summary>
[Collection(HeavyRuns.Name)]
public sealed class KillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Count = 3_000;
    private const int InFlightPerInstance = 16; // Nudges:Concurrency in EngineHosts.Settings
    private readonly ConnectorStub _connector = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Fact]
    public async Task A_worker_process_killed_mid_run_loses_no_nudge()
    {
        var prefix = Azurite.UniquePrefix("kill");
        var visibility = TimeSpan.FromSeconds(10);
        await NudgeSeed.DueNudgesAsync(Azurite.ConnectionString, prefix, _connector.ServiceUrl, Count, DateTimeOffset.UtcNow.AddMinutes(-1));

        using var doomed = EngineHosts.OutOfProcess(prefix, tenantPerSecond: 150, visibility);
        try
        {
            await EngineHosts.WaitForAsync(() => _connector.Sent.Count >= 300 || doomed.HasExited, TimeSpan.FromMinutes(3), () => $"{_connector.Sent.Count} sent by the worker process");
            Assert.False(doomed.HasExited, "The worker process stopped by itself.");
            await using var survivor = EngineHosts.InProcess(prefix, tenantPerSecond: 150, visibility);
            await Task.Delay(TimeSpan.FromSeconds(1));

            doomed.Kill(entireProcessTree: true);
            await doomed.WaitForExitAsync();
            var atKill = _connector.Sent.Count;
            output.WriteLine($"Killed the worker process with {atKill} of {Count} nudges sent.");
            Assert.InRange(atKill, 1, Count - 1);

            await EngineHosts.WaitForAsync(() => _connector.Sent.Select(s => s.ConversationId).Distinct().Count() >= Count, TimeSpan.FromMinutes(5),
                () => $"{_connector.Sent.Select(s => s.ConversationId).Distinct().Count()} of {Count} members reached");
            // Past the visibility timeout and the claim lease, anything the dead process held has been retried.
            await Task.Delay(visibility + TimeSpan.FromSeconds(3));

            var perConversation = _connector.Sent.GroupBy(s => s.ConversationId).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(Enumerable.Range(0, Count).Select(NudgeSeed.Conversation).Order(StringComparer.Ordinal), perConversation.Keys.Order(StringComparer.Ordinal));
            var ledger = await EngineHosts.LedgerAsync(prefix);
            Assert.Equal(Count, ledger.Count(r => r.GetString("Status") == "Delivered"));
            var takenOver = ledger.Count(r => (r.GetInt32("Takeovers") ?? 0) > 0);
            var duplicates = perConversation.Values.Sum(n => n - 1);
            output.WriteLine($"Lost: 0. Claims of the dead process taken over: {takenOver}. Sent twice: {duplicates}.");
            // A send the dead process had made but not yet recorded is the only thing that can go twice, and it
            // had at most its in-flight sends open.
            Assert.InRange(duplicates, 0, Math.Min(takenOver, InFlightPerInstance));
        }
        finally
        {
            if (!doomed.HasExited)
            {
                doomed.Kill(entireProcessTree: true);
            }
        }
    }
}
