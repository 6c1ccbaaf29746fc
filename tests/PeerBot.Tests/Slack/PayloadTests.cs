using System.Text.Json.Nodes;
using PeerBot.Slack;

namespace PeerBot.Tests.Slack;

/// <summary>How Slack's request shapes become turns for the bot.</summary>
public sealed class PayloadTests
{
    private static readonly Uri Respond = new("https://hooks.slack.test/commands/1");

    [Theory]
    [InlineData("/findpeer", "VP marketing", "findpeer VP marketing")]
    [InlineData("/peerbot", "intros", "intros")]
    [InlineData("/peerbot", "profile edit", "profile edit")]
    [InlineData("/peerbot", "", "help")]
    [InlineData("/findpeer", "R&amp;D &lt;lead&gt;", "findpeer R&D <lead>")]
    public void Slash_commands_become_the_typed_command(string command, string text, string typed)
    {
        var inbound = SlackPayloads.FromCommand(Form(SlackRequests.Command("U1", command, text, "C1", Respond, "trigger-1")));

        Assert.Equal(typed, inbound.Text);
        Assert.Equal(SlackInboundKind.Message, inbound.Kind);
        Assert.Equal(("command:trigger-1", "T0PEERS", "U1", "C1"), (inbound.DeliveryId, inbound.TeamId, inbound.UserId, inbound.ConversationId));
        Assert.Equal(Respond, inbound.ResponseUrl);
        Assert.False(inbound.IsPersonal);
    }

    [Fact]
    public void A_command_in_a_DM_is_checked_against_the_members_DM_with_PeerBot()
    {
        Assert.Null(SlackPayloads.FromCommand(Form(SlackRequests.Command("U1", "/peerbot", "help", "D1", Respond))).IsPersonal);
    }

    [Fact]
    public void A_button_press_carries_its_value_as_the_card_action()
    {
        var value = new JsonObject { ["action"] = "acceptIntro", ["intro"] = "abc", ["round"] = 2 };
        var payload = SlackRequests.BlockAction("U1", "D1", "1700000000.000100", "acceptIntro", value, Respond, triggerId: "trig-9");

        var inbound = SlackPayloads.FromInteraction(payload);

        Assert.Equal(value.ToJsonString(), inbound.Value!.ToJsonString());
        Assert.Equal(("interaction:trig-9", "1700000000.000100", true), (inbound.DeliveryId, inbound.MessageTs, inbound.IsPersonal));
        Assert.Null(inbound.Text);
    }

    [Fact]
    public void A_button_without_an_action_in_its_value_is_named_by_its_action_id()
    {
        var payload = SlackRequests.BlockAction("U1", "C1", "1.2", "editProfile", [], Respond, ephemeral: true);
        payload["actions"]![0]!["value"] = "not json";

        var inbound = SlackPayloads.FromInteraction(payload);

        Assert.Equal("editProfile", inbound.Value!["action"]!.GetValue<string>());
        Assert.True(inbound.FromEphemeral);
        Assert.False(inbound.IsPersonal);
    }

    [Fact]
    public void A_link_button_press_is_acknowledged_and_ignored()
    {
        var payload = SlackRequests.BlockAction("U1", "D1", "1.2", "openChat", [], Respond);
        payload["actions"]![0]!.AsObject().Remove("value");

        Assert.Equal(SlackInboundKind.Ignored, SlackPayloads.FromInteraction(payload).Kind);
    }

    [Fact]
    public void A_modal_submission_is_flattened_into_the_forms_fields()
    {
        var values = new JsonObject
        {
            ["b1"] = new JsonObject { ["name"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "Ada" } },
            ["b2"] = new JsonObject { ["industry"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = "Software" } } },
            ["b3"] = new JsonObject { ["topics"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = null } },
            ["b4"] = new JsonObject { ["discoverable"] = new JsonObject { ["type"] = "checkboxes", ["selected_options"] = new JsonArray() } },
        };
        var payload = SlackRequests.ViewSubmission("U1", "profileForm", values, SlackForms.WriteOrigin("C7", false));

        var inbound = SlackPayloads.FromInteraction(payload);

        Assert.Equal("{\"name\":\"Ada\",\"industry\":\"Software\",\"topics\":\"\",\"discoverable\":\"\",\"action\":\"saveProfile\"}", inbound.Value!.ToJsonString());
        Assert.Equal(("C7", false), (inbound.ConversationId, inbound.IsPersonal));
        Assert.Null(inbound.ResponseUrl);
    }

    [Fact]
    public void Only_plain_messages_from_people_in_the_DM_are_turns()
    {
        var person = SlackRequests.Event(SlackRequests.DirectMessage("U1", "<@UBOT> findpeer  CFO"));
        var edited = SlackRequests.Event(SlackRequests.DirectMessage("U1", "x"));
        edited["event"]!["subtype"] = "message_changed";
        var bot = SlackRequests.Event(SlackRequests.DirectMessage("U1", "x"));
        bot["event"]!["bot_id"] = "B1";
        var channel = SlackRequests.Event(SlackRequests.DirectMessage("U1", "x"));
        channel["event"]!["channel_type"] = "channel";

        var turn = SlackPayloads.FromEvent(person);

        Assert.Equal(("findpeer  CFO", true), (turn.Text, turn.IsPersonal));
        Assert.Equal("event:" + person["event_id"]!.GetValue<string>(), turn.DeliveryId);
        Assert.All([edited, bot, channel], e => Assert.Equal(SlackInboundKind.Ignored, SlackPayloads.FromEvent(e).Kind));
    }

    [Fact]
    public void Uninstall_and_bot_token_revocation_remove_the_installation()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        Assert.Equal(SlackInboundKind.Uninstalled, SlackPayloads.FromEvent(SlackRequests.Event(new JsonObject { ["type"] = "app_uninstalled" })).Kind);
        var revoked = SlackPayloads.FromEvent(SlackRequests.Event(new JsonObject { ["type"] = "tokens_revoked", ["tokens"] = new JsonObject { ["bot"] = new JsonArray("UB") } }, at: at));
        Assert.Equal((SlackInboundKind.Uninstalled, at), (revoked.Kind, revoked.At));
        Assert.Equal(SlackInboundKind.Ignored, SlackPayloads.FromEvent(SlackRequests.Event(new JsonObject { ["type"] = "tokens_revoked", ["tokens"] = new JsonObject { ["oauth"] = new JsonArray("U1") } })).Kind);
    }

    [Fact]
    public void Profile_mistakes_are_reported_under_the_field_they_are_about()
    {
        var errors = SlackForms.Profile.Check(new JsonObject { ["name"] = "", ["title"] = "CFO", ["organization"] = "Contoso", ["headcount"] = "abc", ["timeZone"] = "Mars/Base", ["topics"] = "" });

        Assert.Equal(["headcount", "name", "timeZone"], errors!.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Null(SlackForms.Profile.Check(new JsonObject { ["name"] = "A", ["title"] = "CFO", ["organization"] = "Contoso", ["headcount"] = "12", ["timeZone"] = "UTC" }));
    }

    private static Dictionary<string, string> Form(string body) =>
        new Microsoft.AspNetCore.WebUtilities.FormReader(body).ReadForm().ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
}
