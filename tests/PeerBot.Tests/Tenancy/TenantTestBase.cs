using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Intros;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Tenancy;

/// <summary>
/// The bot with one connector per Teams tenant (each tenant's activities carry its own serviceUrl), driven only by
/// what Teams sends. Members start with no profile and no stored email: everything the bot knows comes from the
/// install, the form, and the roster the connector answers.
/// </summary>
public abstract class TenantTestBase : IAsyncLifetime
{
    private readonly Dictionary<string, ConnectorStub> _connectors = new(StringComparer.Ordinal);

    protected TenantTestBase(string hint, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?> { ["Teams:RosterTimeout"] = "00:00:01" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        Host = new BotHost(hint, all, services);
    }

    protected BotHost Host { get; }

    protected HttpClient Client { get; private set; } = null!;

    protected T Get<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    /// <summary>The connector of a tenant (created on first use), whose roster the test fills.</summary>
    protected ConnectorStub Tenant(string tenant)
    {
        if (!_connectors.TryGetValue(tenant, out var connector))
        {
            connector = new ConnectorStub { StrictRoster = true };
            _connectors[tenant] = connector;
        }
        return connector;
    }

    public virtual Task InitializeAsync()
    {
        Client = Host.CreateClient();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        foreach (var connector in _connectors.Values)
        {
            await connector.DisposeAsync();
        }
    }

    /// <summary>A member of a tenant, as the roster of that tenant knows them.</summary>
    protected sealed record Person(string User, string Tenant, string Name)
    {
        public string PeerId => "msteams:" + User;

        public string Chat => Activities.PersonalConversation(User);
    }

    protected async Task<HttpResponseMessage> PostAsync(JsonObject activity)
    {
        using var content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        var response = await Client.PostAsync("/api/messages", content);
        AfterTurn();
        return response;
    }

    /// <summary>Called after every activity; a test on a fake clock moves it here (Teams' pacing counts time per conversation).</summary>
    protected virtual void AfterTurn()
    {
    }

    /// <summary>Posts an activity from the person, expects 2xx, and returns what the bot sent into their chat meanwhile.</summary>
    protected async Task<IReadOnlyList<SentActivity>> SayAsync(Person person, JsonObject activity)
    {
        var connector = Tenant(person.Tenant);
        var before = connector.SentTo(person.Chat).Count();
        using var response = await PostAsync(activity);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.DoesNotContain("something went wrong", body, StringComparison.OrdinalIgnoreCase);
        var replies = connector.SentTo(person.Chat).Skip(before).ToList();
        Assert.DoesNotContain(replies, r => r.RawBody.Contains("something went wrong", StringComparison.OrdinalIgnoreCase));
        return replies;
    }

    protected Task<IReadOnlyList<SentActivity>> TypeAsync(Person person, string text) =>
        SayAsync(person, TeamsProtocol.Message(Tenant(person.Tenant).ServiceUrl, person.User, person.Tenant, text, person.Name));

    protected Task<IReadOnlyList<SentActivity>> PressAsync(Person person, JsonObject value) =>
        SayAsync(person, TeamsProtocol.Submit(Tenant(person.Tenant).ServiceUrl, person.User, person.Tenant, value, person.Name));

    /// <summary>
    /// Installs PeerBot as Teams does (installationUpdate, then conversationUpdate), and fills in the profile form the
    /// bot sent. Returns everything the bot said to the person on the way.
    /// </summary>
    protected async Task<List<SentActivity>> OnboardAsync(Person person, string title, string organization, string headcount = "800", string topics = "pricing; hiring", string preferredContact = "")
    {
        var serviceUrl = Tenant(person.Tenant).ServiceUrl;
        var said = new List<SentActivity>();
        said.AddRange(await SayAsync(person, TeamsProtocol.InstallationUpdate(serviceUrl, person.User, person.Tenant)));
        said.AddRange(await SayAsync(person, TeamsProtocol.BotAdded(serviceUrl, person.User, person.Tenant)));
        var form = said.LastOrDefault(s => TeamsProtocol.TemplateOf(s) == "profileForm")?.Card;
        Assert.True(form is not null, $"No profile form after the install; got: {string.Join(" | ", said.Select(s => TeamsProtocol.TemplateOf(s) ?? s.Text))}");
        var saved = await PressAsync(person, TeamsProtocol.FilledForm(form, person.Name, title, organization, headcount, topics, preferredContact));
        Assert.Contains(saved, s => s.Text?.Contains("Your profile is saved", StringComparison.Ordinal) == true);
        said.AddRange(saved);
        return said;
    }

    /// <summary>Types findpeer and returns the results card's peers (names).</summary>
    protected async Task<List<string>> FindAsync(Person person, string role)
    {
        var replies = await TypeAsync(person, "findpeer " + role);
        var card = replies[^1];
        if (TeamsProtocol.TemplateOf(card) != "results")
        {
            return [];
        }
        return [.. card.Card!["body"]!.AsArray().OfType<JsonObject>()
            .Where(e => e["type"]?.GetValue<string>() == "Container")
            .Select(c => c["items"]![0]!["text"]!.GetValue<string>())];
    }

    /// <summary>The asker presses "Send request" on a results card (the button's data, as the card carries it).</summary>
    protected Task<IReadOnlyList<SentActivity>> RequestIntroAsync(Person asker, Person peer, string note = "") =>
        PressAsync(asker, new JsonObject { ["action"] = IntroVerbs.Request, ["peer"] = peer.PeerId, ["noteInput"] = "note0", ["note0"] = note });

    /// <summary>The request card that reached the peer, and the peer presses one of its buttons (an Action.Execute invoke).</summary>
    protected async Task<IReadOnlyList<SentActivity>> AnswerAsync(Person peer, string verb)
    {
        var request = Tenant(peer.Tenant).SentTo(peer.Chat).Last(s => TeamsProtocol.TemplateOf(s) == "introRequest");
        var button = Buttons(request.Card).First(b => b["verb"]?.GetValue<string>() == verb);
        var data = (button["data"]!.DeepClone() as JsonObject)!;
        return await SayAsync(peer, TeamsProtocol.Execute(Tenant(peer.Tenant).ServiceUrl, peer.User, peer.Tenant, verb, data, peer.Name));
    }

    protected static IEnumerable<JsonObject> Buttons(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() is "Action.Execute" or "Action.Submit" => [o, .. o.SelectMany(p => Buttons(p.Value))],
        JsonObject o => o.SelectMany(p => Buttons(p.Value)),
        JsonArray a => a.SelectMany(Buttons),
        _ => [],
    };

    protected SentActivity Card(Person person, string template) =>
        Tenant(person.Tenant).SentTo(person.Chat).Last(s => TeamsProtocol.TemplateOf(s) == template);

    protected static Dictionary<string, string> Facts(SentActivity card) =>
        Facts(card.Card);

    protected static Dictionary<string, string> Facts(JsonNode? node)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var set in Elements(node).Where(e => e["type"]?.GetValue<string>() == "FactSet"))
        {
            foreach (var fact in set["facts"]!.AsArray().OfType<JsonObject>())
            {
                facts[fact["title"]!.GetValue<string>()] = fact["value"]!.GetValue<string>();
            }
        }
        return facts;
    }

    protected static List<string> Links(SentActivity card) =>
        [.. Elements(card.Card).Where(e => e["type"]?.GetValue<string>() == "Action.OpenUrl").Select(e => e["url"]!.GetValue<string>())];

    protected static IEnumerable<JsonObject> Elements(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Elements(p.Value))),
        JsonArray a => a.SelectMany(Elements),
        _ => [],
    };
}
