using System.Text.Json.Nodes;
using PeerBot.Teams;

namespace PeerBot.Tests.Teams;

public sealed class OnboardingTests() : BotTestBase("onboard")
{
    [Fact]
    public async Task Installing_the_app_brings_a_welcome_card_and_the_profile_form()
    {
        var replies = await SayAsync(Activities.Installed(Connector.ServiceUrl, "u-install"), 2);

        Assert.Equal(ActivityReplyChannel.AdaptiveCardContentType, replies[0].Activity["attachments"]![0]!["contentType"]!.GetValue<string>());
        Assert.Contains("Welcome", replies[0].CardText, StringComparison.Ordinal);
        var form = replies[1].Card!;
        Assert.Equal("1.5", form["version"]!.GetValue<string>());
        var inputIds = Inputs(form).ToList();
        foreach (var id in new[] { "name", "title", "organization", "headcount", "industry", "timeZone", "topics", "discoverable" })
        {
            Assert.Contains(id, inputIds);
        }
    }

    [Fact]
    public async Task The_first_message_brings_the_welcome_once_and_then_the_form_again_on_stray_text()
    {
        var first = await SayAsync(Activities.Message(Connector.ServiceUrl, "u-first", "hello"), 2);
        Assert.Contains("Welcome", first[0].CardText, StringComparison.Ordinal);

        var second = await SayAsync(Activities.Message(Connector.ServiceUrl, "u-first", "what now?"), 1);
        Assert.Contains("fill in the profile form", second[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Findpeer_answers_before_the_profile_is_saved_and_nothing_is_stored_per_message_to_remember_onboarding()
    {
        await SeedAsync(Leader("import:vp-a", "Grace Hopper", "VP Marketing", "Harbor Analytics"));

        var first = await SayAsync(Activities.Message(Connector.ServiceUrl, "u-mid", "findpeer VP marketing"), 3);
        var again = await SayAsync(Activities.Message(Connector.ServiceUrl, "u-mid", "findpeer VP marketing"), 1);
        var more = await SayAsync(Activities.Message(Connector.ServiceUrl, "u-mid", "findpeer VP marketing"), 1);

        Assert.Equal(["welcome", "profileForm", "results"], first.Select(r => r.Activity["attachments"]?[0]?["name"]?.GetValue<string>()));
        Assert.Contains("Grace Hopper", again[0].CardText, StringComparison.Ordinal);
        Assert.Contains("Grace Hopper", more[0].CardText, StringComparison.Ordinal);
        // The member's rows are the turns handled (so a redelivery does nothing, kept by day until they expire) and
        // the one welcome in their own partition; no dialog state.
        var table = new Azure.Data.Tables.TableServiceClient(Storage.Azurite.ConnectionString).GetTableClient(Host.TablePrefix + "Turns");
        var own = new List<string>();
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>(Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {PeerBot.Storage.TableKeys.Escape("msteams:u-mid")}")))
        {
            own.Add(row.RowKey);
        }
        var turns = new List<Azure.Data.Tables.TableEntity>();
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>(Azure.Data.Tables.TableClient.CreateQueryFilter($"Member eq {"msteams:u-mid"}")))
        {
            turns.Add(row);
        }
        Assert.Equal(["welcomed"], own);
        Assert.Equal(3, turns.Count);
        Assert.All(turns, t => Assert.StartsWith("turns|", t.PartitionKey, StringComparison.Ordinal));
        Assert.All(turns, t => Assert.True(t.GetDateTimeOffset("ExpiresAfter") > DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task A_submitted_profile_is_saved_in_table_storage_and_shown_by_the_profile_command()
    {
        await SayAsync(Activities.Installed(Connector.ServiceUrl, "u-save"), 2);
        var saved = await SayAsync(Activities.Submit(Connector.ServiceUrl, "u-save", ProfileSubmission()), 2);
        Assert.Contains("saved", saved[0].Text, StringComparison.Ordinal);

        var stored = await Profiles.GetAsync("msteams:u-save", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal("VP Marketing", stored.Peer.Title);
        Assert.Equal(250, stored.Peer.Headcount);
        Assert.Equal(["pricing", "hiring"], stored.Peer.Topics);
        Assert.Equal("tenant:" + Activities.Tenant, stored.Peer.OrganizationKey);
        Assert.True(stored.Peer.Discoverable);

        var shown = await SayAsync(Activities.Message(Connector.ServiceUrl, "u-save", "profile"), 1);
        Assert.Contains("Analytical Engines", shown[0].CardText, StringComparison.Ordinal);
        Assert.Contains("201–500", shown[0].CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_form_comes_back_with_the_errors_and_saves_nothing()
    {
        var bad = ProfileSubmission(name: "", headcount: "lots", timeZone: "Mars/Olympus");
        var replies = await SayAsync(Activities.Submit(Connector.ServiceUrl, "u-bad", bad), 1);

        var text = replies[0].CardText;
        Assert.Contains("Name is required", text, StringComparison.Ordinal);
        Assert.Contains("headcount must be a whole number", text, StringComparison.Ordinal);
        Assert.Contains("time zone", text, StringComparison.Ordinal);
        Assert.Null(await Profiles.GetAsync("msteams:u-bad", CancellationToken.None));
    }

    [Fact]
    public async Task Editing_keeps_one_row_and_updates_it()
    {
        await SayAsync(Activities.Submit(Connector.ServiceUrl, "u-edit", ProfileSubmission()), 2);
        await SayAsync(Activities.Submit(Connector.ServiceUrl, "u-edit", ProfileSubmission(title: "Chief Marketing Officer", discoverable: "false")), 2);

        var stored = await Profiles.GetAsync("msteams:u-edit", CancellationToken.None);
        Assert.Equal("Chief Marketing Officer", stored!.Peer.Title);
        Assert.False(stored.Peer.Discoverable);
    }

    [Fact]
    public async Task An_install_and_a_conversation_update_arriving_together_welcome_the_member_once()
    {
        var install = Activities.Installed(Connector.ServiceUrl, "u-twice");
        var update = Activities.Installed(Connector.ServiceUrl, "u-twice");
        install["type"] = "installationUpdate";
        install["action"] = "add";
        install.Remove("membersAdded");
        await Task.WhenAll(PostAsync(install), PostAsync(update));
        await Task.Delay(500);

        var welcomes = Connector.SentTo(Activities.PersonalConversation("u-twice")).Count(s => s.Activity["attachments"]?[0]?["name"]?.GetValue<string>() == "welcome");
        Assert.Equal(1, welcomes);
    }

    [Fact]
    public async Task A_single_tenant_app_type_with_no_app_id_runs_locally()
    {
        await using var host = new BotHost("singletenant", new Dictionary<string, string?> { ["MicrosoftAppType"] = "SingleTenant" });
        using var client = host.CreateClient();
        using var response = await client.PostAsync("/api/messages", new StringContent(
            Activities.Message(Connector.ServiceUrl, "u-local", "help").ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static IEnumerable<string> Inputs(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>()?.StartsWith("Input.", StringComparison.Ordinal) == true =>
            [o["id"]!.GetValue<string>(), .. o.SelectMany(p => Inputs(p.Value))],
        JsonObject o => o.SelectMany(p => Inputs(p.Value)),
        JsonArray a => a.SelectMany(Inputs),
        _ => [],
    };
}
