using System.Text.Json.Nodes;

namespace PeerBot.Privacy;

/// <summary>
/// A feature that keeps data about members. Each one exports and erases its own rows, so "export" and
/// "forget" cover every table without a central list that could fall out of date.
/// </summary>
public interface IMemberData
{
    /// <summary>The section name in an export ("profile", "introductions", …).</summary>
    string Section { get; }

    /// <summary>Everything kept about the member, or null when there is nothing.</summary>
    Task<JsonNode?> ExportAsync(string memberId, CancellationToken cancellationToken);

    /// <summary>Deletes every row about the member (idempotent).</summary>
    Task ForgetAsync(string memberId, CancellationToken cancellationToken);
}
