using Azure;
using PeerBot.Storage;

namespace PeerBot.Conversations;

/// <summary>What a member hears when their turn fails, with the same words in every channel.</summary>
public static class Apologies
{
    public const string SomethingWentWrong = "Sorry, something went wrong on my side. Please try again.";
    public const string StorageUnavailable = "I can't reach my storage right now, so nothing was changed. Please try again in a minute.";
    public const string ConcurrentEdit = "That changed in the meantime. Please try again.";

    public static string For(Exception exception) => exception switch
    {
        RequestFailedException or AggregateException { InnerException: RequestFailedException } => StorageUnavailable,
        ConcurrentEditException => ConcurrentEdit,
        _ => SomethingWentWrong,
    };
}
