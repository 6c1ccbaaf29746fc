using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Profiles;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Slack;

/// <summary>
/// The real app on its own tables, with a Slack stub as slack.com and a Teams connector stub, in
/// single-workspace mode (Slack:BotToken) unless a test configures otherwise.
/// </summary>
public abstract class SlackTestBase : IAsyncLifetime
{
    public const string BotToken = "xoxb-single-workspace-token";

    protected SlackTestBase(string hint, Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl.ToString(),
            ["Slack:SigningSecret"] = SlackRequests.SigningSecret,
            ["Slack:BotToken"] = BotToken,
            // Real pacing is one message a second per channel; the Web API tests check it, flows need not wait for it.
            ["Slack:MessageInterval"] = "00:00:00.010",
            ["Slack:RetryDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        Host = new BotHost(hint, all, services);
    }

    protected SlackStub Slack { get; } = new();

    protected BotHost Host { get; }

    protected ConnectorStub Connector { get; } = new();

    protected HttpClient Client { get; private set; } = null!;

    protected ProfileStore Profiles => Host.Services.GetRequiredService<ProfileStore>();

    public virtual async Task InitializeAsync()
    {
        Client = Host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        // Start the app (and warm its Slack path) before anything is timed.
        using var warm = await Client.SendAsync(SlackRequests.SignedPost("/slack/events", "{\"type\":\"ping\"}"));
        Assert.True(warm.IsSuccessStatusCode);
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        await Slack.DisposeAsync();
        await Connector.DisposeAsync();
    }

    /// <summary>Posts a signed request; returns the response and how long the acknowledgement took.</summary>
    protected async Task<(HttpResponseMessage Response, TimeSpan Elapsed)> SendAsync(HttpRequestMessage request)
    {
        var watch = Stopwatch.StartNew();
        var response = await Client.SendAsync(request);
        watch.Stop();
        return (response, watch.Elapsed);
    }

    protected async Task<HttpResponseMessage> CommandAsync(string user, string command, string text, string? channel = null, string? triggerId = null)
    {
        var body = SlackRequests.Command(user, command, text, channel ?? SlackStub.DirectMessage(user), Slack.ResponseUrl("cmd-" + Guid.NewGuid().ToString("N")[..6]), triggerId);
        var response = await Client.SendAsync(SlackRequests.SignedPost("/slack/commands", body));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    protected async Task<HttpResponseMessage> EventAsync(JsonObject envelope, int? retry = null)
    {
        var response = await Client.SendAsync(SlackRequests.SignedPost("/slack/events", envelope.ToJsonString(), retry: retry));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    protected async Task<HttpResponseMessage> InteractAsync(JsonObject payload)
    {
        var response = await Client.SendAsync(SlackRequests.SignedPost("/slack/interactions", SlackRequests.Interaction(payload)));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    /// <summary>Presses the button whose value is <paramref name="value"/> on a message the bot posted.</summary>
    protected Task<HttpResponseMessage> PressAsync(string user, SlackCall message, JsonObject value) =>
        InteractAsync(SlackRequests.BlockAction(user, message.Channel ?? SlackStub.DirectMessage(user), message.Ts ?? "1700000000.000009",
            value["action"]!.GetValue<string>(), value, Slack.ResponseUrl("act-" + Guid.NewGuid().ToString("N")[..6])));

    protected Task SeedAsync(params Peer[] peers) =>
        Task.WhenAll(peers.Select(p => Profiles.SaveAsync(p, null, CancellationToken.None, overwrite: true)));

    protected static Peer Leader(string id, string name, string title, string organization, string? email, string channel, int headcount = 300, string[]? topics = null) => new()
    {
        Id = id,
        Name = name,
        Title = title,
        Organization = organization,
        OrganizationKey = OrganizationKeys.For(null, email, organization),
        Headcount = headcount,
        Industry = "Software",
        TimeZone = "Europe/Berlin",
        Topics = topics ?? ["pricing", "hiring"],
        Email = email,
        Channel = channel,
        UpdatedAt = DateTimeOffset.UtcNow,
    };

    protected static string SlackId(string user) => $"slack:{SlackRequests.Team}:{user}";
}
