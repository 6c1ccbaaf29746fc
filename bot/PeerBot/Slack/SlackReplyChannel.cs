using System.Text.Json.Nodes;
using PeerBot.Cards;
using PeerBot.Conversations;

namespace PeerBot.Slack;

/// <summary>
/// Sends what the bot says in Slack with chat.postMessage, chat.postEphemeral, a response_url, chat.update or
/// views.open, depending on where the turn came from (<see cref="SlackTurn"/>).
/// </summary>
public sealed partial class SlackReplyChannel(SlackTurn turn, SlackApi api, CardLibrary cards, ILogger logger) : IReplyChannel
{
    public async Task SendAsync(BotReply reply, CancellationToken cancellationToken)
    {
        var outbound = Render(reply);
        var messages = outbound.Messages;
        if (outbound.View is { } view)
        {
            if (await TryOpenAsync(view, cancellationToken))
            {
                return;
            }
            messages = [OpenFormPrompt(view)];
        }
        foreach (var message in messages)
        {
            await DeliverAsync(message, cancellationToken);
        }
    }

    /// <summary>
    /// Replaces the message whose button was pressed: through its response_url when it was ephemeral (nothing else can
    /// change it), with chat.update otherwise; a new message when there is none or it can no longer be changed.
    /// </summary>
    public async Task UpdateCardAsync(CardReply card, CancellationToken cancellationToken)
    {
        if (turn.MessageTs is not { Length: > 0 } ts)
        {
            await SendAsync(card, cancellationToken);
            return;
        }
        var notes = new List<string>();
        var message = Render(card).WholeCard(notes);
        Report(notes);
        if (turn.FromEphemeral && turn.CanRespond)
        {
            var body = message.ToJson();
            body["replace_original"] = true;
            if (!await TryRespondAsync(body, cancellationToken))
            {
                // The ephemeral card cannot be changed any more: the member gets the new one beside it.
                await DeliverAsync(message, cancellationToken);
            }
            return;
        }
        try
        {
            await api.UpdateAsync(turn.Installation.BotToken, turn.ConversationId, ts, message, cancellationToken);
        }
        catch (SlackApiException e) when (e.Error is "message_not_found" or "cant_update_message" or "edit_window_closed" or "channel_not_found")
        {
            // The card is gone or frozen; a new message says the same.
            await DeliverAsync(message, cancellationToken);
        }
    }

    private SlackOutbound Render(BotReply reply)
    {
        var notes = new List<string>();
        var outbound = SlackOutbound.From(reply, cards, notes);
        Report(notes);
        return outbound;
    }

    private async Task<bool> TryOpenAsync(JsonObject view, CancellationToken cancellationToken)
    {
        if (turn.TriggerId is not { } trigger)
        {
            return false;
        }
        turn.TriggerId = null;
        var carried = view["private_metadata"] is JsonValue metadata && metadata.TryGetValue<string>(out var text)
            ? SlackPayloads.ParseObject(text)
            : null;
        view["private_metadata"] = SlackForms.WriteOrigin(turn.ConversationId, turn.IsPersonal, carried);
        try
        {
            await api.OpenViewAsync(turn.Installation.BotToken, trigger, view, cancellationToken);
            return true;
        }
        catch (SlackApiException e) when (e.Error is "expired_trigger_id" or "invalid_trigger_id" or "exchanged_trigger_id")
        {
            LogTriggerExpired(logger, e.Error);
            return false;
        }
    }

    /// <summary>No fresh trigger to open a modal with (e.g. the welcome): a message with a button that opens it.</summary>
    private SlackMessage OpenFormPrompt(JsonObject view)
    {
        var form = SlackForms.Find(view["callback_id"]?.GetValue<string>());
        var data = new JsonObject
        {
            ["title"] = view["title"]?["text"]?.GetValue<string>() ?? "Form",
            ["verb"] = form?.ReopenVerb ?? "help",
        };
        var notes = new List<string>();
        var blocks = BlockKit.Prepare(cards.Render(SlackOutbound.Surface, "openForm", data), notes)["blocks"]!.AsArray();
        return new SlackMessage(BlockKit.Mrkdwn($"Open the form: {data["title"]}"), blocks);
    }

    /// <summary>
    /// A lasting message in the member's DM with PeerBot; elsewhere an ephemeral one only they see (through the
    /// response_url while it lasts), and their DM when PeerBot is not in that channel.
    /// </summary>
    private async Task DeliverAsync(SlackMessage message, CancellationToken cancellationToken)
    {
        var token = turn.Installation.BotToken;
        if (turn.IsPersonal && !turn.FromEphemeral)
        {
            await api.PostMessageAsync(token, turn.ConversationId, message, cancellationToken);
            return;
        }
        if (turn.CanRespond)
        {
            var body = message.ToJson();
            body["response_type"] = "ephemeral";
            body["replace_original"] = false;
            if (await TryRespondAsync(body, cancellationToken))
            {
                return;
            }
        }
        try
        {
            await api.PostEphemeralAsync(token, turn.ConversationId, turn.UserId, message, cancellationToken);
        }
        catch (SlackApiException e) when (e.Error is "channel_not_found" or "not_in_channel" or "user_not_in_channel")
        {
            var dm = await api.OpenDirectMessageAsync(token, turn.UserId, cancellationToken);
            await api.PostMessageAsync(token, dm, message, cancellationToken);
        }
    }

    /// <summary>
    /// Posts to the turn's response_url. One that answers 404 or cannot be reached (expired after 30 minutes, or used
    /// up) is given up for the rest of the turn, and the caller sends through the Web API instead, so the reply
    /// still arrives.
    /// </summary>
    private async Task<bool> TryRespondAsync(JsonObject body, CancellationToken cancellationToken)
    {
        turn.ResponseUrlUsed++;
        try
        {
            await api.RespondAsync(turn.ResponseUrl!, body, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is SlackApiException or HttpRequestException
            || (e is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested))
        {
            turn.ResponseUrlUsed = SlackTurn.ResponseUrlUses;
            LogResponseUrlFailed(logger, e.GetType().Name);
            return false;
        }
    }

    private void Report(List<string> notes)
    {
        foreach (var note in notes)
        {
            LogFitted(logger, note);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Slack response_url could not be posted to ({ExceptionType}); sending through the Web API")]
    private static partial void LogResponseUrlFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Slack message was fitted to Slack's limits: {Note}")]
    private static partial void LogFitted(ILogger logger, string note);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not open a Slack modal ({Error}); sent a button that opens it instead")]
    private static partial void LogTriggerExpired(ILogger logger, string error);
}
