using Azure;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Microsoft.Rest;
using PeerBot.Conversations;
using PeerBot.Storage;

namespace PeerBot.Teams;

/// <summary>What the member hears when a turn fails, and what the log records (never message text or names).</summary>
public static partial class TurnErrors
{
    public const string SomethingWentWrong = Apologies.SomethingWentWrong;
    public const string StorageUnavailable = Apologies.StorageUnavailable;
    public const string ConcurrentEdit = Apologies.ConcurrentEdit;

    public static CloudAdapter Attach(CloudAdapter adapter, ILogger logger)
    {
        adapter.OnTurnError = async (turnContext, exception) =>
        {
            // Conditions the member is told about in plain words, and a caller whose endpoint refuses our reply (logged
            // as a warning where the request is answered), are not errors of ours.
            if (exception is ConcurrentEditException or ChannelUnreachableException or RequestFailedException { Status: 0 or >= 500 })
            {
                LogTurnRefused(logger, exception.GetType().Name, turnContext.Activity?.Type);
            }
            else
            {
                LogTurnFailed(logger, exception.GetType().Name, turnContext.Activity?.Type, exception);
            }
            var message = Apologies.For(exception);
            if (exception is ChannelUnreachableException)
            {
                throw exception;
            }
            if (turnContext.Activity?.Type == ActivityTypes.Invoke)
            {
                // Without an invoke response the adapter answers the channel with a 501.
                var body = new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = message };
                await turnContext.SendActivityAsync(new Activity { Type = ActivityTypesEx.InvokeResponse, Value = new InvokeResponse { Status = 200, Body = body } });
            }
            try
            {
                await turnContext.SendActivityAsync(MessageFactory.Text(message));
            }
            catch (Exception e) when (e is HttpRequestException or HttpOperationException or TaskCanceledException or ErrorResponseException || Outbound.OutboundSetup.IsRefusedByPipeline(e))
            {
                throw new ChannelUnreachableException(e);
            }
        };
        return adapter;
    }

    /// <summary>True when the failure is the channel's serviceUrl not answering our reply.</summary>
    public static bool IsUnreachableCaller(Exception exception) => exception is ChannelUnreachableException;

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn failed with {ExceptionType} on a {ActivityType} activity")]
    private static partial void LogTurnFailed(ILogger logger, string exceptionType, string? activityType, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turn ended with {ExceptionType} on a {ActivityType} activity; the member was told")]
    private static partial void LogTurnRefused(ILogger logger, string exceptionType, string? activityType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replies could not reach the activity's serviceUrl ({ExceptionType})")]
    public static partial void LogUnreachable(ILogger logger, string exceptionType);
}
