using System.Net;
using System.Text.Json.Nodes;
using PeerBot.Slack;
using PeerBot.Tests.Slack;

namespace PeerBot.Tests.Hostile;

/// <summary>Slack requests from the hostile run that once got a 5xx or lost their reply, kept as named cases.</summary>
public sealed class SlackHostileRegressionTests() : SlackTestBase("slackregress")
{
    [Fact]
    public async Task An_event_whose_authorizations_are_not_a_list_is_acknowledged_not_a_500()
    {
        foreach (JsonNode wrong in new JsonNode[] { new JsonObject(), "T0PEERS", 42 })
        {
            var envelope = SlackRequests.Event(SlackRequests.DirectMessage("U0AUTH", "help"));
            envelope.Remove("team_id");
            envelope["authorizations"] = wrong;
            envelope["event"]!["tokens"] = new JsonArray("bot");

            Assert.Equal(HttpStatusCode.OK, (await PostAsync("/slack/events", envelope.ToJsonString())).StatusCode);
        }
    }

    [Fact]
    public async Task An_interaction_whose_team_user_and_actions_have_the_wrong_shape_is_acknowledged_not_a_500()
    {
        var click = SlackRequests.BlockAction("U0SHAPE", "DU0SHAPE", "1.2", "help", new JsonObject { ["action"] = "help" }, Slack.ResponseUrl("shape"));
        click["team"] = "T0PEERS";
        click["channel"] = new JsonArray();
        click["container"] = 7;
        var notAList = SlackRequests.BlockAction("U0SHAPE", "DU0SHAPE", "1.3", "help", [], Slack.ResponseUrl("shape2"));
        notAList["actions"] = new JsonObject { ["value"] = "x" };

        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/slack/interactions", SlackRequests.Interaction(click))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/slack/interactions", SlackRequests.Interaction(notAList))).StatusCode);
        await Slack.WaitForAsync(c => c.Method == "response_url:shape", what: "the help card for the oddly shaped click");
    }

    [Fact]
    public async Task A_modal_field_of_the_wrong_shape_is_shown_as_a_mistake_not_a_500()
    {
        var values = new JsonObject
        {
            ["name"] = new JsonObject { ["name"] = new JsonArray(1, "a", null) },
            ["title"] = new JsonObject { ["title"] = new JsonObject { ["type"] = 5, ["value"] = "CFO" } },
            ["industry"] = new JsonObject { ["industry"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = "Software" } },
            ["discoverable"] = new JsonObject { ["discoverable"] = new JsonObject { ["type"] = "checkboxes", ["selected_options"] = new JsonArray(5, "x") } },
        };
        var submission = SlackRequests.ViewSubmission("U0FORM", SlackForms.Profile.CallbackId, values, SlackForms.WriteOrigin("DU0FORM", true));

        using var response = await PostAsync("/slack/interactions", SlackRequests.Interaction(submission));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", answer["response_action"]!.GetValue<string>());
        Assert.NotNull(answer["errors"]!["name"]);
    }

    [Fact]
    public async Task A_property_given_twice_makes_an_envelope_a_400_and_a_button_value_plain_text()
    {
        var envelope = SlackRequests.Event(SlackRequests.DirectMessage("U0TWICE", "help")).ToJsonString()
            .Replace("\"type\":\"event_callback\"", "\"type\":\"event_callback\",\"type\":{\"a\":1}", StringComparison.Ordinal);
        var click = SlackRequests.BlockAction("U0TWICE", "C0GENERAL", "1.2", "help", [], Slack.ResponseUrl("twice"));
        click["actions"]![0]!["value"] = "{\"action\":\"help\",\"action\":\"forget\"}";

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("/slack/events", envelope)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/slack/interactions", SlackRequests.Interaction(click))).StatusCode);
        // The value is not JSON Slack could have sent, so the button is known by its action id only.
        var reply = await Slack.WaitForAsync(c => c.Method == "response_url:twice", what: "the help card");
        Assert.Contains("findpeer", reply.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Half_a_surrogate_pair_in_a_JSON_string_is_a_400()
    {
        var envelope = SlackRequests.Event(SlackRequests.DirectMessage("U0HALF", "@@text@@")).ToJsonString().Replace("\"@@text@@\"", "\"findpeer \\ud800\"", StringComparison.Ordinal);
        var click = SlackRequests.BlockAction("U0HALF", "C0GENERAL", "1.2", "help", [], Slack.ResponseUrl("half"));
        click["user"]!["name"] = "@@name@@";
        var payload = click.ToJsonString().Replace("\"@@name@@\"", "\"\\udc00x\"", StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("/slack/events", envelope)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("/slack/interactions", SlackRequests.Form(new Dictionary<string, string> { ["payload"] = payload }))).StatusCode);
    }

    [Fact]
    public async Task A_form_with_too_many_fields_or_too_long_a_name_is_a_400()
    {
        var command = SlackRequests.Command("U0FORMS", "/peerbot", "help", "C0GENERAL", Slack.ResponseUrl("forms"));

        var many = command + string.Concat(Enumerable.Range(0, 2000).Select(i => $"&f{i}=v"));
        var longName = command + "&" + new string('k', 5000) + "=v";

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("/slack/commands", many)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("/slack/commands", longName)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("/slack/interactions", "payload=%7B%7D&" + new string('k', 5000) + "=v")).StatusCode);
    }

    [Fact]
    public async Task A_response_url_that_is_not_a_web_address_is_ignored_and_the_reply_goes_by_the_Web_API()
    {
        var command = SlackRequests.Command("U0PATH", "/peerbot", "help", "C0GENERAL", Slack.ResponseUrl("unused"))
            .Replace(Uri.EscapeDataString(Slack.ResponseUrl("unused").ToString()), Uri.EscapeDataString("/etc/passwd"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/slack/commands", command)).StatusCode);

        var reply = await Slack.WaitForAsync(c => c.Method == "chat.postEphemeral", what: "the help card, posted ephemerally");
        Assert.Equal(("C0GENERAL", "U0PATH"), (reply.Channel, reply.Body["user"]?.GetValue<string>()));
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body) => Client.SendAsync(SlackRequests.SignedPost(path, body));
}
