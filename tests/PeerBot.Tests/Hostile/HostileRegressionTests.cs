using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Tests.Teams;

namespace PeerBot.Tests.Hostile;

/// <summary>Payloads from the hostile run that once got a 5xx, kept as named cases.</summary>
public sealed class HostileRegressionTests() : BotTestBase("regress")
{
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
    public async Task A_card_action_with_channel_data_of_the_wrong_shape_is_answered_as_one_without_a_tenant()
    {
        var activity = Activities.Submit(Connector.ServiceUrl, "u-invoke", new JsonObject { ["action"] = "help" });
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "help", ["data"] = new JsonObject() } };
        activity["conversation"]!.AsObject().Remove("tenantId");
        activity["channelData"] = new JsonObject { ["tenant"] = true };

        using var response = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("something went wrong", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var help = await Connector.WaitForAsync(Activities.PersonalConversation("u-invoke"), 1);
        Assert.Equal("help", help[0].Activity["attachments"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_card_action_whose_turn_fails_still_gets_an_invoke_response_not_a_501()
    {
        await using var host = new BotHost("regressfail", services: services =>
            services.AddSingleton<PeerBot.Conversations.ICardAction>(new Failing()));
        using var client = host.CreateClient();
        var activity = Activities.Execute(Connector.ServiceUrl, "u-invoke-fails", Failing.Name, new JsonObject());

        using var response = await client.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("something went wrong", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A button whose work fails in a way nothing anticipates.</summary>
    private sealed class Failing : PeerBot.Conversations.ICardAction
    {
        public const string Name = "failForTheTest";

        public string Verb => Name;

        public Task RunAsync(PeerBot.Conversations.CommandContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Nothing anticipates this.");
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
