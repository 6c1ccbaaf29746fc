using Microsoft.Bot.Builder;
using PeerBot.Teams;

namespace PeerBot.Slack;

/// <summary>What a Slack member hears when their turn fails; the same words as in Teams.</summary>
internal static partial class SlackTurnErrors
{
    public static Func<ITurnContext, Exception, Task> Handler(ILogger logger) => async (turnContext, exception) =>
    {
        // As in Teams: conditions the member is told about in plain words are not errors of ours.
        if (exception is Storage.ConcurrentEditException or Storage.StorageUnavailableException or Azure.RequestFailedException { Status: 0 or >= 500 })
        {
            LogRefused(logger, exception.GetType().Name);
        }
        else
        {
            LogFailed(logger, exception.GetType().Name, exception);
        }
        var message = exception switch
        {
            Storage.StorageUnavailableException or Azure.RequestFailedException => TurnErrors.StorageUnavailable,
            Storage.ConcurrentEditException => TurnErrors.ConcurrentEdit,
            _ => TurnErrors.SomethingWentWrong,
        };
        if (exception is not SlackApiException)
        {
            await turnContext.SendActivityAsync(MessageFactory.Text(message));
        }
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack turn ended with {ExceptionType}; the member was told")]
    private static partial void LogRefused(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack turn failed with {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string exceptionType, Exception exception);
}
