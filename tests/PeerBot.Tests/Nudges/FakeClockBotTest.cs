using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Nudges;

/// <summary>
/// The whole bot on Azurite with a <see cref="FakeTimeProvider"/>: scheduled work happens when the test moves
/// the clock. Starts on Monday 9 March 2026, 08:00 UTC (09:00 in Berlin).
/// </summary>
public abstract class FakeClockBotTest : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 9, 8, 0, 0, TimeSpan.Zero);

    protected FakeClockBotTest(string hint, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Nudges:SweepInterval"] = "00:00:30",
            ["Nudges:FollowInterval"] = "00:00:30",
            ["Nudges:PollInterval"] = "00:00:05",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        Host = new BotHost(hint, all, services => services.AddSingleton<TimeProvider>(Clock));
    }

    protected FakeTimeProvider Clock { get; } = new(Start);

    protected BotHost Host { get; }

    protected ConnectorStub Connector { get; } = new();

    protected HttpClient Client { get; private set; } = null!;

    protected T Get<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    public virtual Task InitializeAsync()
    {
        Client = Host.CreateClient();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
    }

    /// <summary>Moves the clock in steps no longer than the sweep interval, so every sweep in between runs.</summary>
    protected async Task AdvanceToAsync(DateTimeOffset at)
    {
        while (Clock.GetUtcNow() < at)
        {
            var step = at - Clock.GetUtcNow();
            Clock.Advance(step > TimeSpan.FromHours(6) ? TimeSpan.FromHours(6) : step);
            await Task.Delay(50);
        }
        // Let the sweep that the last step started finish its round trips to storage.
        await Task.Delay(1500);
    }

    protected async Task<IReadOnlyList<SentActivity>> SayAsync(System.Text.Json.Nodes.JsonObject activity, int expectedReplies)
    {
        var conversation = activity["conversation"]!["id"]!.GetValue<string>();
        var before = Connector.SentTo(conversation).Count();
        using var content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/api/messages", content);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        // A few fake seconds pass per turn, so that Teams' per-conversation pacing never holds the test's replies.
        Clock.Advance(TimeSpan.FromSeconds(5));
        var all = await Connector.WaitForAsync(conversation, before + expectedReplies, TimeSpan.FromSeconds(20));
        return all.Skip(before).ToList();
    }

    /// <summary>Waits (in real time) for a card from <paramref name="template"/> in the conversation.</summary>
    protected async Task<SentActivity> CardAsync(string conversation, string template, int skip = 0)
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

    protected IEnumerable<string> CardsIn(string conversation) =>
        Connector.SentTo(conversation).Select(s => TemplateOf(s) ?? "text");

    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The card as text with nothing escaped (so "VP · Marketing" reads as written).</summary>
    protected static string Text(SentActivity sent) => sent.Card?.ToJsonString(Readable) ?? sent.Text ?? "";

    /// <summary>The card template an activity was rendered from (the attachment's name), or null for text.</summary>
    protected static string? TemplateOf(SentActivity sent) =>
        sent.Activity["attachments"] is System.Text.Json.Nodes.JsonArray { Count: > 0 } attachments ? attachments[0]?["name"]?.GetValue<string>() : null;
}
