using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Conversations;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Hostile;

/// <summary>Payloads from the hostile run that once got a 5xx, the apology or an error in the log, kept as named cases.</summary>
public sealed class HostileRegressionTests() : BotTestBase("regress", services => services.AddSingleton<ICardAction, FailingAction>())
{
    /// <summary>A card action that fails, standing for any bug in a turn.</summary>
    private sealed class FailingAction : ICardAction
    {
        public const string Name = "failForTest";

        public string Verb => Name;

        public Task RunAsync(CommandContext context, CancellationToken cancellationToken) => throw new InvalidOperationException("A bug in a turn.");
    }

    [Fact]
    public async Task A_lone_surrogate_in_the_activity_type_is_a_400()
    {
        var body = $$$"""{"type":"\ud800","conversation":{"id":"c"},"serviceUrl":"{{{Connector.ServiceUrl}}}","from":{"id":"x"}}""";
        using var response = await Client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid Unicode", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Control_characters_in_a_conversation_id_are_a_400()
    {
        var activity = Activities.Message(Connector.ServiceUrl, "u-nul", "help", conversationId: "a:per\nsonal\0");
        using var response = await PostAsync(activity);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("control characters", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_action_whose_turn_fails_still_gets_an_invoke_response_not_a_501()
    {
        var activity = Activities.Submit(Connector.ServiceUrl, "u-invoke", new JsonObject { ["action"] = FailingAction.Name });
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = FailingAction.Name, ["data"] = new JsonObject() } };

        using var response = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("something went wrong", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Teams_channel_data_of_the_wrong_shape_is_a_400_not_the_apology()
    {
        var activity = Activities.Message(Connector.ServiceUrl, "u-tenant-true", "help");
        activity["type"] = "conversationUpdate";
        activity["channelData"] = new JsonObject { ["tenant"] = true };

        using var response = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'channelData.tenant' must be an object", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mention_entity_without_its_fields_is_read_as_no_mention()
    {
        var activity = Activities.Message(Connector.ServiceUrl, "u-mention", "<at>PeerBot</at> help");
        activity["entities"] = new JsonArray(new JsonObject { ["type"] = "mention" }, new JsonObject { ["type"] = "mention", ["mentioned"] = new JsonObject { ["id"] = "28:peerbot-test" } });

        var replies = await SayAsync(activity, 1);

        Assert.DoesNotContain("something went wrong", replies[0].RawBody, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_outsized_member_name_does_not_fail_the_turn_when_the_conversation_reference_is_saved()
    {
        var activity = Activities.Message(Connector.ServiceUrl, "u-longname", "help", userName: new string('N', 40_000));

        var replies = await SayAsync(activity, 1);

        Assert.DoesNotContain("storage", replies[0].RawBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("something went wrong", replies[0].RawBody, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Characters_that_Unicode_normalisation_refuses_are_dropped_from_titles_so_the_directory_can_read_them()
    {
        var form = ProfileSubmission(name: "Ada Halfpair", title: "@@title@@", organization: "Halfpair Works");
        var activity = Activities.Submit(Connector.ServiceUrl, "u-halfpair", form).ToJsonString()
            .Replace("\"@@title@@\"", HostileStrings.JsonLiteral("VP \uFFFEMarketing\uFFFF\uD800"), StringComparison.Ordinal);
        using var saved = await Client.PostAsync("/api/messages", new StringContent(activity, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        await Connector.WaitForAsync(Activities.PersonalConversation("u-halfpair"), 2);

        var stored = await Profiles.GetAsync("msteams:u-halfpair", CancellationToken.None);
        Assert.Equal("VP Marketing", stored?.Peer.Title?.Replace("\uFFFD", "", StringComparison.Ordinal));
        var search = Activities.Message(Connector.ServiceUrl, "u-other", "findpeer VP marketing");
        search["conversation"]!["tenantId"] = "0d7c1e55-0000-4000-8000-0000000000ee";
        search["channelData"]!["tenant"]!["id"] = "0d7c1e55-0000-4000-8000-0000000000ee";
        var found = await SayAsync(search, 3);
        Assert.Contains("Ada Halfpair", found[^1].RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_url_whose_connector_answers_404_is_a_400_not_a_500()
    {
        var activity = Activities.Message(Connector.ServiceUrl + "nowhere/", "u-404", "help");
        using var response = await PostAsync(activity);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("serviceUrl failed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
