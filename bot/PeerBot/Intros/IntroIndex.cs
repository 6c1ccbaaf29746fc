using Azure.Data.Tables;
using PeerBot.Storage;

namespace PeerBot.Intros;

/// <summary>
/// The shape of the intro index: one partition per member, holding a row per pair they take part in (keyed by the
/// pair key, 32 hex digits) and their limits' ledger (<see cref="LedgerRow"/>), so that both can be written in one
/// transaction.
/// </summary>
public static class IntroIndex
{
    /// <summary>The ledger's row key; '~' sorts after every hex digit and is never part of a pair key.</summary>
    public const string LedgerRow = "~ledger";

    public static TableEntity Row(string memberId, string otherId, string pairKey) =>
        new(TableKeys.Escape(memberId), pairKey) { ["OtherId"] = otherId };

    /// <summary>The member's pair rows, without their ledger.</summary>
    public static string PairsOf(string memberId) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(memberId)} and RowKey lt {LedgerRow}");
}
