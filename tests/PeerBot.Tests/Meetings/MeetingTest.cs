using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Intros;
using PeerBot.Profiles;
using PeerBot.Tests.Slack;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Meetings;

/// <summary>
/// The whole bot on Azurite under a <see cref="FakeTimeProvider"/>, with a Teams connector stub and a Slack stub:
/// Teams activities go to /api/messages, Slack requests to the Slack endpoints signed at the fake clock's time.
/// Starts on Monday 9 March 2026, 08:00 UTC (the week New York is on summer time and Berlin is not).
/// </summary>
public abstract class MeetingTest : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 9, 8, 0, 0, TimeSpan.Zero);

    protected MeetingTest(string hint)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Nudges:SweepInterval"] = "00:00:30",
            ["Nudges:FollowInterval"] = "00:00:30",
            ["Nudges:PollInterval"] = "00:00:05",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl.ToString(),
            ["Slack:SigningSecret"] = SlackRequests.SigningSecret,
            ["Slack:BotToken"] = SlackTestBase.BotToken,
            // Slack's pacing runs on the (fake) clock: no wait between messages, so nothing waits for the clock to move.
            ["Slack:MessageInterval"] = "00:00:00",
            ["Slack:RetryDelay"] = "00:00:00.010",
            ["PublicBaseUrl"] = "https://peerbot.example",
        };
        Host = new BotHost(hint, settings, services => services.AddSingleton<TimeProvider>(Clock));
    }

    protected FakeTimeProvider Clock { get; } = new(Start);

    protected BotHost Host { get; }

    protected ConnectorStub Connector { get; } = new();

    protected SlackStub Slack { get; } = new();

    protected HttpClient Client { get; private set; } = null!;

    protected T Get<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    public virtual Task InitializeAsync()
    {
        Client = Host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        await Slack.DisposeAsync();
        await Connector.DisposeAsync();
    }

    protected static Peer Leader(string id, string name, string title, string organization, string email, string channel, string zone) => new()
    {
        Id = id,
        Name = name,
        Title = title,
        Organization = organization,
        OrganizationKey = OrganizationKeys.For(null, email, organization),
        Headcount = 300,
        Industry = "Software",
        TimeZone = zone,
        Topics = ["pricing", "hiring"],
        Email = email,
        Channel = channel,
        UpdatedAt = Start.AddDays(-1),
    };

    protected Task SeedAsync(params Peer[] peers) =>
        Task.WhenAll(peers.Select(p => Get<ProfileStore>().SaveAsync(p, null, CancellationToken.None, overwrite: true)));

    /// <summary>Posts a Teams activity; returns the HTTP body (an invoke's response card is in it).</summary>
    protected async Task<JsonObject?> TeamsAsync(JsonObject activity)
    {
        using var content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/api/messages", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        // A few fake seconds pass per turn, so that Teams' per-conversation pacing never holds the test's replies.
        Clock.Advance(TimeSpan.FromSeconds(5));
        return body.Length == 0 ? null : JsonNode.Parse(body) as JsonObject;
    }

    /// <summary>An Action.Execute click; returns the card Teams would show in its place (null: a toast).</summary>
    protected async Task<JsonObject?> ExecuteAsync(string user, string verb, JsonObject data) =>
        (await TeamsAsync(Activities.Execute(Connector.ServiceUrl, user, verb, (JsonObject)data.DeepClone())))?["value"] as JsonObject;

    /// <summary>Waits (in real time) for a card from <paramref name="template"/> in a Teams conversation.</summary>
    protected async Task<SentActivity> TeamsCardAsync(string conversation, string template, int skip = 0)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while (true)
        {
            var found = Connector.SentTo(conversation).Where(s => TemplateOf(s) == template).Skip(skip).FirstOrDefault();
            if (found is not null)
            {
                return found;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No {template} card in {conversation}; got: " + string.Join(", ", Connector.SentTo(conversation).Select(s => TemplateOf(s) ?? s.Text)));
            }
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits (in real time) for <paramref name="done"/>, letting 30 fake seconds pass at a time: work that scheduled
    /// more work as it ran (the next step of a chase) needs the sweep and the workers to see the clock move again.
    /// </summary>
    protected async Task WhileTimePassesAsync(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for " + what);
            Clock.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(300);
        }
    }

    /// <summary>
    /// Waits for a card that a timer sends, letting fake time pass meanwhile: on a loaded machine the sweep may only
    /// queue it after the test's last move of the clock, and the worker then waits for the clock to move again.
    /// </summary>
    protected async Task<SentActivity> DueTeamsCardAsync(string conversation, string template, int skip = 0)
    {
        await WhileTimePassesAsync(() => Connector.SentTo(conversation).Count(s => TemplateOf(s) == template) > skip, $"a {template} card in {conversation}");
        return await TeamsCardAsync(conversation, template, skip);
    }

    protected IEnumerable<string> TeamsCardsIn(string conversation) => Connector.SentTo(conversation).Select(s => TemplateOf(s) ?? "text");

    protected static string? TemplateOf(SentActivity sent) =>
        sent.Activity["attachments"] is JsonArray { Count: > 0 } attachments ? attachments[0]?["name"]?.GetValue<string>() : null;

    /// <summary>A signed Slack interaction, at the fake clock's time (Slack's timestamps are checked against it).</summary>
    protected async Task SlackInteractAsync(JsonObject payload)
    {
        using var request = SlackRequests.SignedPost("/slack/interactions", SlackRequests.Interaction(payload), at: Clock.GetUtcNow());
        using var response = await Client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Presses a button on a message the bot posted in Slack, with the message's inputs as Slack reports them.</summary>
    protected Task SlackPressAsync(string user, SlackCall message, JsonObject value, JsonObject? state = null)
    {
        var payload = SlackRequests.BlockAction(user, message.Channel ?? SlackStub.DirectMessage(user), message.Ts ?? "1700000000.000009",
            value["action"]!.GetValue<string>(), value, Slack.ResponseUrl("act-" + Guid.NewGuid().ToString("N")[..6]));
        if (state is not null)
        {
            payload["state"] = new JsonObject { ["values"] = state };
        }
        return SlackInteractAsync(payload);
    }

    /// <summary>Ticked checkboxes as Slack puts them in state.values (block and action both named <paramref name="field"/>).</summary>
    protected static JsonObject Ticked(string field, IEnumerable<string> values) => new()
    {
        [field] = new JsonObject
        {
            [field] = new JsonObject
            {
                ["type"] = "checkboxes",
                ["selected_options"] = new JsonArray([.. values.Select(v => (JsonNode?)new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = v }, ["value"] = v })]),
            },
        },
    };

    /// <summary>The values of the checkbox options in a Slack message.</summary>
    protected static IReadOnlyList<string> CheckboxValues(SlackCall message) =>
        [.. Descendants(message.Blocks).Where(n => n["type"]?.GetValue<string>() == "checkboxes")
            .SelectMany(n => (n["options"] as JsonArray ?? []).Select(o => o!["value"]!.GetValue<string>()))];

    /// <summary>The values of an Input.ChoiceSet in a Teams card.</summary>
    protected static IReadOnlyList<string> ChoiceValues(JsonNode card, string id) =>
        [.. Descendants(card).Where(n => n["type"]?.GetValue<string>() == "Input.ChoiceSet" && n["id"]?.GetValue<string>() == id)
            .SelectMany(n => (n["choices"] as JsonArray ?? []).Select(o => o!["value"]!.GetValue<string>()))];

    /// <summary>The URL of the Action.OpenUrl with this title in a Teams card.</summary>
    protected static string OpenUrl(JsonNode card, string title) =>
        Descendants(card).First(n => n["type"]?.GetValue<string>() == "Action.OpenUrl" && n["title"]?.GetValue<string>() == title)["url"]!.GetValue<string>();

    private static readonly System.Text.Json.JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A card as text with nothing escaped, for assertions on what it says.</summary>
    protected static string Said(JsonNode? card) => card?.ToJsonString(Unescaped) ?? "";

    protected static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Descendants(p.Value))),
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };

    /// <summary>Moves the clock in steps no longer than six hours, so every sweep in between runs.</summary>
    protected async Task AdvanceToAsync(DateTimeOffset at)
    {
        while (Clock.GetUtcNow() < at)
        {
            var step = at - Clock.GetUtcNow();
            Clock.Advance(step > TimeSpan.FromHours(6) ? TimeSpan.FromHours(6) : step);
            await Task.Delay(50);
        }
        await Task.Delay(1500);
    }

    protected async Task<Introduction> IntroAsync(string a, string b) =>
        (await Get<IntroStore>().GetAsync(IntroRules.PairKey(a, b), CancellationToken.None))!.Value.Intro;

    /// <summary>Waits (in real time) until the pair's intro is recorded as connected.</summary>
    protected async Task<Introduction> ConnectedAsync(string a, string b)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var intro = await IntroAsync(a, b);
            if (intro.State == IntroState.Connected)
            {
                return intro;
            }
            Assert.True(DateTime.UtcNow < deadline, $"The intro is {intro.State}, not connected.");
            await Task.Delay(100);
        }
    }

    /// <summary>The path of a link the bot handed out (the test client talks to the app directly).</summary>
    protected static string PathOf(string url) => new Uri(url).PathAndQuery;
}
