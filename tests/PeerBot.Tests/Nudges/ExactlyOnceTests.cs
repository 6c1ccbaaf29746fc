using PeerBot.Tests.Storage;
using PeerBot.Tests.Teams;
using Xunit.Abstractions;

namespace PeerBot.Tests.Nudges;

/// <summary>
/// Two bot instances on the same tables and queues, against Azurite, with 10,000 nudges due: every member's
/// nudge reaches the connector exactly once, and both instances share the work.
/// </summary>
[Collection(HeavyRuns.Name)]
public sealed class ExactlyOnceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Count = 10_000;
    private readonly ConnectorStub _connector = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Fact]
    public async Task Ten_thousand_due_nudges_on_two_instances_are_each_delivered_exactly_once()
    {
        var prefix = Azurite.UniquePrefix("once");
        await NudgeSeed.DueNudgesAsync(Azurite.ConnectionString, prefix, _connector.ServiceUrl, Count, DateTimeOffset.UtcNow.AddMinutes(-1));
        var started = DateTime.UtcNow;

        await using var first = EngineHosts.InProcess(prefix, tenantPerSecond: 5000, TimeSpan.FromSeconds(30));
        await using var second = EngineHosts.InProcess(prefix, tenantPerSecond: 5000, TimeSpan.FromSeconds(30));
        await EngineHosts.WaitForAsync(() => _connector.Sent.Count >= Count, TimeSpan.FromMinutes(6), () => $"{_connector.Sent.Count} of {Count} sent");
        // Anything sent twice would arrive within moments of the rest.
        await Task.Delay(TimeSpan.FromSeconds(3));

        var sent = _connector.Sent;
        var perConversation = sent.GroupBy(s => s.ConversationId).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{sent.Count} activities to {perConversation.Count} conversations in {(DateTime.UtcNow - started).TotalSeconds:F0} s");
        Assert.Equal(Count, perConversation.Count);
        Assert.Equal(Enumerable.Range(0, Count).Select(NudgeSeed.Conversation).Order(StringComparer.Ordinal), perConversation.Keys.Order(StringComparer.Ordinal));
        Assert.All(perConversation, p => Assert.Equal(1, p.Value));
        Assert.All(sent, s => Assert.Equal("nudge", s.Activity["attachments"]![0]!["name"]!.GetValue<string>()));

        var ledger = await EngineHosts.LedgerAsync(prefix);
        Assert.Equal(Count, ledger.Count(r => r.GetString("Status") == "Delivered"));
        var owners = ledger.GroupBy(r => r.GetString("Owner")).ToDictionary(g => g.Key ?? "", g => g.Count());
        output.WriteLine("Sends per instance: " + string.Join(", ", owners.Values));
        Assert.Equal(2, owners.Count);
    }
}
