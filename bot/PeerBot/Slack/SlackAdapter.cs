using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using PeerBot.Cards;

namespace PeerBot.Slack;

/// <summary>
/// The Bot Framework adapter for Slack: runs activities (channelId <c>slack</c>) through the same bot as Teams,
/// and sends what the bot says with chat.postMessage, chat.postEphemeral, a response_url, chat.update or
/// views.open, depending on where the turn came from.
/// </summary>
public sealed partial class SlackAdapter(SlackApi api, SlackWorkspaces workspaces, CardLibrary cards, ILogger<SlackAdapter> logger) : BotAdapter
{
    public const string ChannelId = "slack";

    public async Task ProcessAsync(Activity activity, SlackTurn turn, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        using var context = new TurnContext(this, activity);
        context.TurnState.Add(turn);
        await RunPipelineAsync(context, callback, cancellationToken);
    }

    /// <summary>Proactive messages: the reference's conversation is the member's DM, its tenant the Slack team.</summary>
    public override async Task ContinueConversationAsync(string botId, ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        var team = reference.Conversation?.TenantId ?? "";
        var enterprise = reference.Conversation?.Properties?.Value<string>("enterpriseId");
        var installation = await workspaces.FindAsync(team, enterprise, cancellationToken)
            ?? throw new SlackApiException("workspaces", "not_installed");
        var turn = new SlackTurn
        {
            Installation = installation,
            UserId = reference.User?.Id ?? "",
            ConversationId = reference.Conversation?.Id ?? "",
            IsPersonal = true,
        };
        await ProcessAsync((Activity)reference.GetContinuationActivity(), turn, callback, cancellationToken);
    }

    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        var turn = TurnOf(turnContext);
        var responses = new List<ResourceResponse>();
        foreach (var activity in activities)
        {
            var id = activity.Type == ActivityTypes.Message ? await SendAsync(turn, activity, cancellationToken) : "";
            responses.Add(new ResourceResponse(id));
        }
        return [.. responses];
    }

    public override async Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        var turn = TurnOf(turnContext);
        var notes = new List<string>();
        var message = SlackOutbound.WholeCard(activity, notes);
        Report(notes);
        if (turn.FromEphemeral && turn.CanRespond)
        {
            turn.ResponseUrlUsed++;
            var body = message.ToJson();
            body["replace_original"] = true;
            await api.RespondAsync(turn.ResponseUrl!, body, cancellationToken);
            return new ResourceResponse(activity.Id);
        }
        try
        {
            await api.UpdateAsync(turn.Installation.BotToken, activity.Conversation?.Id ?? turn.ConversationId, activity.Id, message, cancellationToken);
            return new ResourceResponse(activity.Id);
        }
        catch (SlackApiException e) when (e.Error is "message_not_found" or "cant_update_message" or "edit_window_closed" or "channel_not_found")
        {
            // The card is gone or frozen; a new message says the same.
            return new ResourceResponse(await DeliverAsync(turn, message, cancellationToken));
        }
    }

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PeerBot never deletes Slack messages.");

    private async Task<string> SendAsync(SlackTurn turn, Activity activity, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var outbound = SlackOutbound.From(activity, notes);
        Report(notes);
        var messages = outbound.Messages;
        if (outbound.View is { } view)
        {
            if (await TryOpenAsync(turn, view, cancellationToken) is { } viewId)
            {
                return viewId;
            }
            messages = [OpenFormPrompt(view)];
        }
        var id = "";
        foreach (var message in messages)
        {
            id = await DeliverAsync(turn, message, cancellationToken);
        }
        return id;
    }

    private async Task<string?> TryOpenAsync(SlackTurn turn, System.Text.Json.Nodes.JsonObject view, CancellationToken cancellationToken)
    {
        if (turn.TriggerId is not { } trigger)
        {
            return null;
        }
        turn.TriggerId = null;
        var carried = view["private_metadata"] is System.Text.Json.Nodes.JsonValue metadata && metadata.TryGetValue<string>(out var text)
            ? SlackPayloads.ParseObject(text)
            : null;
        view["private_metadata"] = SlackForms.WriteOrigin(turn.ConversationId, turn.IsPersonal, carried);
        try
        {
            return await api.OpenViewAsync(turn.Installation.BotToken, trigger, view, cancellationToken);
        }
        catch (SlackApiException e) when (e.Error is "expired_trigger_id" or "invalid_trigger_id" or "exchanged_trigger_id")
        {
            LogTriggerExpired(logger, e.Error);
            return null;
        }
    }

    /// <summary>No fresh trigger to open a modal with (e.g. the welcome): a message with a button that opens it.</summary>
    private SlackMessage OpenFormPrompt(System.Text.Json.Nodes.JsonObject view)
    {
        var form = SlackForms.Find(view["callback_id"]?.GetValue<string>());
        var data = new System.Text.Json.Nodes.JsonObject
        {
            ["title"] = view["title"]?["text"]?.GetValue<string>() ?? "Form",
            ["verb"] = form?.ReopenVerb ?? "help",
        };
        var notes = new List<string>();
        var blocks = BlockKit.Prepare(cards.Render("slack", "openForm", data), notes)["blocks"]!.AsArray();
        return new SlackMessage(BlockKit.Mrkdwn($"Open the form: {data["title"]}"), blocks);
    }

    /// <summary>
    /// A lasting message in the member's DM with PeerBot; elsewhere an ephemeral one only they see (through the
    /// response_url while it lasts), and their DM when PeerBot is not in that channel.
    /// </summary>
    private async Task<string> DeliverAsync(SlackTurn turn, SlackMessage message, CancellationToken cancellationToken)
    {
        var token = turn.Installation.BotToken;
        if (turn.IsPersonal && !turn.FromEphemeral)
        {
            return await api.PostMessageAsync(token, turn.ConversationId, message, cancellationToken);
        }
        if (turn.CanRespond)
        {
            turn.ResponseUrlUsed++;
            var body = message.ToJson();
            body["response_type"] = "ephemeral";
            body["replace_original"] = false;
            await api.RespondAsync(turn.ResponseUrl!, body, cancellationToken);
            return "";
        }
        try
        {
            return await api.PostEphemeralAsync(token, turn.ConversationId, turn.UserId, message, cancellationToken);
        }
        catch (SlackApiException e) when (e.Error is "channel_not_found" or "not_in_channel" or "user_not_in_channel")
        {
            var dm = await api.OpenDirectMessageAsync(token, turn.UserId, cancellationToken);
            return await api.PostMessageAsync(token, dm, message, cancellationToken);
        }
    }

    private static SlackTurn TurnOf(ITurnContext turnContext) =>
        turnContext.TurnState.Get<SlackTurn>() ?? throw new InvalidOperationException("Not a Slack turn: no SlackTurn in the turn state.");

    private void Report(List<string> notes)
    {
        foreach (var note in notes)
        {
            LogFitted(logger, note);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Slack message was fitted to Slack's limits: {Note}")]
    private static partial void LogFitted(ILogger logger, string note);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not open a Slack modal ({Error}); sent a button that opens it instead")]
    private static partial void LogTriggerExpired(ILogger logger, string error);
}
