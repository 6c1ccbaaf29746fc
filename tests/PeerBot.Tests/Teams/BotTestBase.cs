using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Profiles;

namespace PeerBot.Tests.Teams;

/// <summary>A running bot on fresh tables plus a connector stub that captures its replies.</summary>
public abstract class BotTestBase : IAsyncLifetime
{
    protected BotTestBase(string hint, Action<IServiceCollection>? services = null) =>
        Host = services is null ? CreateHost(hint) : new BotHost(hint, services: services);

    /// <summary>Override to start the app with settings of the test's own.</summary>
    protected virtual BotHost CreateHost(string hint) => new(hint);

    protected BotHost Host { get; }

    protected ConnectorStub Connector { get; } = new();

    protected HttpClient Client { get; private set; } = null!;

    protected ProfileStore Profiles => Host.Services.GetRequiredService<ProfileStore>();

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

    protected async Task<HttpResponseMessage> PostAsync(JsonObject activity)
    {
        var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
        return await Client.PostAsync("/api/messages", content);
    }

    /// <summary>Posts an activity, expects it accepted, and returns what the bot sent back in that conversation.</summary>
    protected async Task<IReadOnlyList<SentActivity>> SayAsync(JsonObject activity, int expectedReplies)
    {
        var conversation = activity["conversation"]!["id"]!.GetValue<string>();
        var before = Connector.SentTo(conversation).Count();
        using var response = await PostAsync(activity);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var all = await Connector.WaitForAsync(conversation, before + expectedReplies);
        return all.Skip(before).ToList();
    }

    /// <summary>Posts an activity, expects it accepted, and waits for a reply in its conversation that contains the text.</summary>
    protected async Task<SentActivity> ReplyContainingAsync(JsonObject activity, string expected)
    {
        var conversation = activity["conversation"]!["id"]!.GetValue<string>();
        var before = Connector.SentTo(conversation).Count();
        using (var response = await PostAsync(activity))
        {
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var replies = Connector.SentTo(conversation).Skip(before).ToList();
            if (replies.FirstOrDefault(r => r.RawBody.Contains(expected, StringComparison.Ordinal)) is { } reply)
            {
                return reply;
            }
            Assert.True(DateTime.UtcNow < deadline, $"No reply with '{expected}'; got: {string.Join(" | ", replies.Select(r => r.Text ?? r.Activity["summary"]?.ToString()))}");
            await Task.Delay(50);
        }
    }

    protected Task SeedAsync(params Peer[] peers) =>
        Task.WhenAll(peers.Select(p => Profiles.SaveAsync(p, null, CancellationToken.None, overwrite: true)));

    protected static Peer Leader(string id, string name, string title, string organization, int headcount = 300, bool discoverable = true, string? email = null, string[]? topics = null, string? organizationKey = null) => new()
    {
        Id = id,
        Name = name,
        Title = title,
        Organization = organization,
        OrganizationKey = organizationKey ?? OrganizationKeys.For(null, email, organization),
        Headcount = headcount,
        Industry = "Software",
        TimeZone = "Europe/Berlin",
        Topics = topics ?? ["pricing", "hiring"],
        Discoverable = discoverable,
        Email = email,
        Channel = "import",
        UpdatedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>A member arrives as in Teams: installs PeerBot in their own tenant (the roster answering with their address), then saves the form shown.</summary>
    protected async Task OnboardAsync(string user, string tenant, string name, string title, string organization)
    {
        // The roster Teams answers: each member at their own employer's domain.
        Connector.Roster[user] = new RosterMember(name, $"{user}@{tenant}.example", $"{user}@{tenant}.example", tenant);
        await SayAsync(InTenant(Activities.Installed(Connector.ServiceUrl, user), tenant), 2);
        await SayAsync(InTenant(Activities.Submit(Connector.ServiceUrl, user, ProfileSubmission(name: name, title: title, organization: organization)), tenant), 2);
    }

    protected static JsonObject InTenant(JsonObject activity, string tenant)
    {
        activity["conversation"]!["tenantId"] = tenant;
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenant } };
        return activity;
    }

    protected static JsonObject ProfileSubmission(string name = "Ada Lovelace", string title = "VP Marketing", string organization = "Analytical Engines", string headcount = "250", string timeZone = "Europe/London", string topics = "pricing; hiring", string discoverable = "true") => new()
    {
        ["action"] = "saveProfile",
        ["name"] = name,
        ["title"] = title,
        ["organization"] = organization,
        ["headcount"] = headcount,
        ["industry"] = "Software",
        ["timeZone"] = timeZone,
        ["topics"] = topics,
        ["discoverable"] = discoverable,
    };
}
