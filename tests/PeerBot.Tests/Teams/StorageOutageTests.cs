using System.Net;
using PeerBot.Teams;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Teams;

/// <summary>Storage goes away mid-conversation: the member is told to try again and nothing half-written remains.</summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private readonly TcpGate _gate = new(Azurite.TablePort);
    private readonly ConnectorStub _connector = new();
    private BotHost _host = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _host = new BotHost("outage", new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.ConnectionStringVia(_gate.Port),
        });
        _client = _host.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
        _gate.Dispose();
    }

    [Fact]
    public async Task A_profile_saved_during_an_outage_is_not_saved_and_the_member_is_told_to_try_again()
    {
        _gate.Close();
        var activity = Activities.Submit(_connector.ServiceUrl, "u-outage", new()
        {
            ["action"] = "saveProfile", ["name"] = "Ada", ["title"] = "VP Marketing", ["organization"] = "Engines",
            ["headcount"] = "100", ["industry"] = "Software", ["timeZone"] = "UTC", ["topics"] = "", ["discoverable"] = "true",
        });

        using var response = await _client.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await _connector.WaitForAsync(Activities.PersonalConversation("u-outage"), 1, TimeSpan.FromSeconds(60));
        Assert.Equal(TurnErrors.StorageUnavailable, replies[0].Text);

        using var unhealthy = await _client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);

        _gate.Open();
        using var healthy = await _client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        var profiles = _host.Services.GetService(typeof(PeerBot.Profiles.ProfileStore)) as PeerBot.Profiles.ProfileStore;
        Assert.Null(await profiles!.GetAsync("msteams:u-outage", CancellationToken.None));
    }
}
