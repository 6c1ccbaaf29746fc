using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using PeerBot.Storage;

namespace PeerBot.Tests.Storage;

/// <summary>When storage is down a turn must fail fast with one recognisable exception, so the bot can say "try again".</summary>
public sealed class StorageOutageTests
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(10);

    private static TableBotStorage StorageAt(int port)
    {
        var connection = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Convert.ToBase64String(new byte[64]) +
                         $";TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
        var service = new TableServiceClient(connection, new TableClientOptions
        {
            Retry = { MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(20), NetworkTimeout = TimeSpan.FromSeconds(1) },
        });
        return new TableBotStorage(service, new TableNames("outage"));
    }

    private static async Task AssertUnavailableQuickly(Func<Task> call)
    {
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<StorageUnavailableException>(call);
        Assert.True(clock.Elapsed < Quickly, $"took {clock.Elapsed}");
        Assert.Contains("outageBotState", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_fails_fast_on_read_write_and_delete()
    {
        // Free a moment ago, and nobody listens there now.
        var storage = StorageAt(Azurite.FreePort());

        await AssertUnavailableQuickly(() => storage.ReadAsync(["conv/1"]));
        await AssertUnavailableQuickly(() => storage.WriteAsync(new Dictionary<string, object> { ["conv/1"] = new IntroNote() }));
        await AssertUnavailableQuickly(() => storage.DeleteAsync(["conv/1"]));
    }

    [Fact]
    public async Task A_server_that_never_answers_fails_fast()
    {
        // Accepts connections (the kernel completes them) but never replies.
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var storage = StorageAt(((IPEndPoint)silent.LocalEndpoint).Port);

            await AssertUnavailableQuickly(() => storage.ReadAsync(["conv/1"]));
        }
        finally
        {
            silent.Stop();
        }
    }

    [Fact]
    public async Task A_cancelled_turn_is_a_cancellation_not_an_outage()
    {
        var storage = StorageAt(Azurite.FreePort());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => storage.ReadAsync(["conv/1"], cancelled.Token));
    }
}
