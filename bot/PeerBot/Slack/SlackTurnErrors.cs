using Microsoft.Bot.Builder;
using PeerBot.Teams;

namespace PeerBot.Slack;

/// <summary>What a Slack member hears when their turn fails; the same words as in Teams.</summary>
internal static partial class SlackTurnErrors
{
    public static Func<ITurnContext, Exception, Task> Handler(ILogger logger) => async (turnContext, exception) =>
    {
        LogFailed(logger, exception.GetType().Name, exception);
        var message = exception switch
        {
            Azure.RequestFailedException => TurnErrors.StorageUnavailable,
            Storage.ConcurrentEditException => TurnErrors.ConcurrentEdit,
            _ => TurnErrors.SomethingWentWrong,
        };
        if (exception is not SlackApiException)
        {
            await turnContext.SendActivityAsync(MessageFactory.Text(message));
        }
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack turn failed with {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, string exceptionType, Exception exception);
}
