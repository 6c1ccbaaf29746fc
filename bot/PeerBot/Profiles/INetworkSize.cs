namespace PeerBot.Profiles;

/// <summary>How many leaders the network has, for the welcome. Matching knows (it holds the directory) and implements it.</summary>
public interface INetworkSize
{
    int Count { get; }
}
