using System.Net;
using System.Text;
using System.Text.Json.Nodes;
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
    public async Task A_card_action_whose_turn_fails_still_gets_an_invoke_response_not_a_501()
    {
        var activity = Activities.Submit(Connector.ServiceUrl, "u-invoke", new JsonObject { ["action"] = "help" });
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "help", ["data"] = new JsonObject() } };
        activity["conversation"]!.AsObject().Remove("tenantId");
        activity["channelData"] = new JsonObject { ["tenant"] = true };

        using var response = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("something went wrong", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
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
