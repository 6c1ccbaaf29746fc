using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PeerBot.Profiles;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Privacy;

/// <summary>
/// Onboarding and findpeer with every log category at Trace into a captured sink: no name, email, title,
/// organization, topic or message text may appear in any message, structured value, scope or exception.
/// </summary>
public sealed class LogPrivacyTests : IAsyncLifetime
{
    private const string User = "u-privacy";
    private const string Name = "Zenobia Quarterfield";
    private const string Title = "Chief Lighthouse Officer";
    private const string Organization = "Quillfeather Dynamics";
    private const string Topic = "foghorn acoustics";
    private const string Greeting = "Good morning from the windswept lighthouse";
    private const string Query = "Keeper of the brass lamps";
    private static readonly string Email = $"29:{User}@members.example";

    private static readonly Peer[] Seeded =
    [
        Peer("import:bart", "Bartholomew Inkwell", "VP Marketing", "Inkwell Harbor Ltd", "bart@inkwell-harbor.example"),
        Peer("import:phil", "Philippa Mothersole", "Vice President of Marketing", "Mothersole Ropeworks", "philippa@ropeworks.example"),
    ];

    private readonly CapturedLogs _logs = new();
    private readonly ConnectorStub _connector = new();
    private readonly BotHost _host = new("privacylogs");
    private WebApplicationFactory<Program> _app = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _app = _host.WithWebHostBuilder(web => web.ConfigureLogging(_logs.AttachTo));
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Onboarding_and_findpeer_log_nothing_personal_even_at_trace()
    {
        var profiles = _app.Services.GetRequiredService<ProfileStore>();
        await Task.WhenAll(Seeded.Select(p => profiles.SaveAsync(p, null, CancellationToken.None, overwrite: true)));

        await PostAsync(Joined());
        await PostAsync(Activities.Message(_connector.ServiceUrl, User, Greeting, userName: Name));
        await PostAsync(Activities.Submit(_connector.ServiceUrl, User, new JsonObject
        {
            ["action"] = "saveProfile", ["name"] = Name, ["title"] = Title, ["organization"] = Organization, ["headcount"] = "180",
            ["industry"] = "Software", ["timeZone"] = "Europe/London", ["topics"] = Topic, ["discoverable"] = "true",
        }));
        await PostAsync(Activities.Message(_connector.ServiceUrl, User, "profile", userName: Name));
        await PostAsync(Activities.Message(_connector.ServiceUrl, User, "findpeer VP marketing", userName: Name));
        await PostAsync(Activities.Message(_connector.ServiceUrl, User, "findpeer " + Query, userName: Name));

        var stored = await profiles.GetAsync("msteams:" + User, CancellationToken.None);
        Assert.Equal(Title, stored?.Peer.Title);
        Assert.Equal(Name, stored?.Peer.Name);
        Assert.Contains(_connector.Sent, s => s.RawBody.Contains("Bartholomew Inkwell", StringComparison.Ordinal));

        var records = _logs.Records;
        Assert.Contains(records, r => r.Level == LogLevel.Trace);
        Assert.Contains(records, r => r.Category.StartsWith("PeerBot", StringComparison.Ordinal) || r.Category.StartsWith("Microsoft.Bot", StringComparison.Ordinal));
        string[] personal =
        [
            Name, "Zenobia", "Quarterfield", Title, Organization, Topic, Greeting, Query, Email, User + "@",
            .. Seeded.SelectMany(p => new[] { p.Name, p.Organization, p.Email! }),
        ];
        var leaks = (from record in records from value in personal
                     where record.AllText.Contains(value, StringComparison.OrdinalIgnoreCase)
                     select $"'{value}' in {record.Level} {record.Category}: {record.AllText[..Math.Min(300, record.AllText.Length)]}").ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    [Fact]
    public void The_sink_sees_structured_values_and_exceptions_so_a_leak_would_be_caught()
    {
        var logger = _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PeerBot.Canary");
#pragma warning disable CA1848, CA1873, CA2254 // a deliberate leak, written the ways a careless log call would
        logger.LogTrace("Saved profile for {Member}", Name);
        logger.LogDebug(new InvalidOperationException("Bad email " + Email), "Save failed");
#pragma warning restore CA1848, CA1873, CA2254

        Assert.Contains(_logs.Records, r => r.AllText.Contains(Name, StringComparison.Ordinal) && r.Values.Contains("Member=", StringComparison.Ordinal));
        Assert.Contains(_logs.Records, r => r.Exception?.Contains(Email, StringComparison.Ordinal) == true);
    }

    private JsonObject Joined()
    {
        var activity = Activities.Installed(_connector.ServiceUrl, User);
        activity["from"]!["name"] = Name;
        activity["membersAdded"]!.AsArray().Add(new JsonObject { ["id"] = "29:" + User, ["name"] = Name });
        return activity;
    }

    private async Task PostAsync(JsonObject activity)
    {
        var conversation = activity["conversation"]!["id"]!.GetValue<string>();
        var before = _connector.SentTo(conversation).Count();
        using var response = await _client.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _connector.WaitForAsync(conversation, before + 1);
    }

    private static Peer Peer(string id, string name, string title, string organization, string email) => new()
    {
        Id = id,
        Name = name,
        Title = title,
        Organization = organization,
        OrganizationKey = OrganizationKeys.For(null, email, organization),
        Headcount = 200,
        Industry = "Software",
        TimeZone = "Europe/Berlin",
        Topics = ["pricing"],
        Discoverable = true,
        Email = email,
        Channel = "import",
        UpdatedAt = DateTimeOffset.UtcNow,
    };
}
