using System.Globalization;
using System.Text.Json.Nodes;
using PeerBot.Conversations;
using PeerBot.Profiles;

namespace PeerBot.Intros;

/// <summary>
/// View data for the intro cards. Until both have accepted, nothing built here for a requester carries
/// the peer's email: only <see cref="Connected"/> does.
/// </summary>
public static class IntroCards
{
    /// <summary>The card the peer receives: who asks, why, and Accept / Decline / Not now.</summary>
    public static CardReply Request(Introduction intro, Peer requester, Peer peer) => new("introRequest", new JsonObject
    {
        ["intro"] = intro.PairKey,
        ["round"] = intro.Round,
        ["requester"] = PublicFacts(requester),
        ["note"] = intro.Note,
        ["sharedTopics"] = Strings(SharedTopics(requester, peer)),
    }, $"{requester.Name} ({requester.Title}, {requester.Organization}) would like an intro.");

    /// <summary>The clicker's own intro card after their choice (replaces the card in place).</summary>
    public static CardReply Decided(Introduction intro, Peer? requester, string message) => new("introDecided", new JsonObject
    {
        ["requester"] = requester is null ? new JsonObject { ["name"] = "A leader" } : PublicFacts(requester),
        ["state"] = intro.State.ToString(),
        ["message"] = message,
    }, message);

    /// <summary>What the requester sees after asking: the request and its state, never the peer's contact details.</summary>
    public static CardReply Status(Introduction intro, Peer peer, string message) => new("introStatus", new JsonObject
    {
        ["intro"] = intro.PairKey,
        ["round"] = intro.Round,
        ["peer"] = PublicFacts(peer),
        ["state"] = StateLabel(intro.State),
        ["message"] = message,
        ["canCancel"] = intro.State == IntroState.Requested,
    }, message);

    /// <summary>
    /// "You're connected": the other person's details and every way to reach them that is known: email, a chat link
    /// where the viewer can open one, their preferred contact. When none is known, the viewer may have PeerBot
    /// forward one message (<see cref="IntroVerbs.Relay"/>). Empty fields are never shown.
    /// </summary>
    public static CardReply Connected(Introduction intro, Peer self, Peer other)
    {
        var shared = SharedTopics(self, other);
        var starters = Starters(self, other);
        var data = Reach(intro, self, other);
        data["other"] = PublicFacts(other);
        data["starters"] = Strings(starters);
        data["sharedTopics"] = Strings(shared);
        return new CardReply("introConnected", data, $"You're connected with {other.Name} ({other.Title}, {other.Organization}).");
    }

    /// <summary>One message the other side had PeerBot forward, with how to reach them (and a reply, if nothing else reaches them).</summary>
    public static CardReply Relayed(Introduction intro, Peer recipient, Peer sender, string message)
    {
        var data = Reach(intro, recipient, sender);
        data["from"] = PublicFacts(sender);
        data["message"] = message;
        return new CardReply("introRelay", data, $"{sender.Name} sent you a message through PeerBot: {message}");
    }

    /// <summary>The message form for a relay, where a channel shows it on its own (Slack's modal).</summary>
    public static CardReply RelayNote(Introduction intro, Peer other) => new("relayNote", new JsonObject
    {
        ["intro"] = intro.PairKey,
        ["round"] = intro.Round.ToString(CultureInfo.InvariantCulture),
        ["name"] = other.Name,
    }, $"Write to {other.Name} through PeerBot");

    /// <summary>
    /// How <paramref name="viewer"/> can reach <paramref name="other"/>: their email; a Teams chat (by UPN; a guest by
    /// their own address) when both use Teams; a Slack direct message when both are in the same Slack workspace;
    /// their preferred contact; else the one forwarded message.
    /// </summary>
    public static JsonObject Reach(Introduction intro, Peer viewer, Peer other)
    {
        var email = other.Email is { Length: > 0 } address ? address : "";
        var (chatLink, chatLabel) = ChatLink(viewer, other);
        var preferred = other.PreferredContact.Trim();
        var known = email.Length > 0 || chatLink.Length > 0 || preferred.Length > 0;
        return new JsonObject
        {
            ["intro"] = intro.PairKey,
            ["round"] = intro.Round.ToString(CultureInfo.InvariantCulture),
            ["email"] = email,
            ["chatLink"] = chatLink,
            ["chatLabel"] = chatLabel,
            ["preferredContact"] = preferred,
            ["preferredLink"] = ProfileForm.LinkOf(preferred) ?? "",
            ["relay"] = !known && !intro.RelayedBy.Contains(viewer.Id, StringComparer.Ordinal),
            ["relayUsed"] = !known && intro.RelayedBy.Contains(viewer.Id, StringComparer.Ordinal),
            ["firstName"] = FirstName(other.Name),
        };
    }

    private static (string Link, string Label) ChatLink(Peer viewer, Peer other)
    {
        if (viewer.Channel == "msteams" && other.Channel == "msteams")
        {
            // A guest is reached at home, by their own address; a member by the name they sign in with.
            var target = other.IsGuest ? other.Email : other.Upn ?? other.Email;
            return target is { Length: > 0 } ? ($"https://teams.microsoft.com/l/chat/0/0?users={Uri.EscapeDataString(target)}", "Chat in Teams") : ("", "");
        }
        if (viewer.Channel == "slack" && other.Channel == "slack"
            && viewer.Id.Split(':') is [_, var viewerTeam, _] && other.Id.Split(':') is [_, var team, var user] && team == viewerTeam)
        {
            return ($"https://slack.com/app_redirect?team={Uri.EscapeDataString(team)}&channel={Uri.EscapeDataString(user)}", "Message in Slack");
        }
        return ("", "");
    }

    private static string FirstName(string name) => name.Trim().Split(' ', 2)[0];

    /// <summary>Questions to open the conversation with: one per shared topic, or two about the other's role.</summary>
    public static IReadOnlyList<string> Starters(Peer self, Peer other)
    {
        var shared = SharedTopics(self, other);
        return shared.Count > 0
            ? shared.Select(t => $"How are you approaching {t} this year?").ToList()
            : [$"What is the hardest part of being {Article(other.Title)} right now?", "What would you do differently if you started your role again?"];
    }

    /// <summary>A short notice: declined ("not available right now"), expired, cancelled.</summary>
    public static CardReply Notice(string title, string message) => new("introNotice", new JsonObject
    {
        ["title"] = title,
        ["message"] = message,
    }, message);

    public static CardReply List(string memberId, IReadOnlyList<Introduction> intros, IReadOnlyDictionary<string, Peer> people)
    {
        JsonObject Row(Introduction i)
        {
            var other = people.GetValueOrDefault(i.OtherThan(memberId));
            var row = PublicFacts(other);
            row["direction"] = i.RequesterId == memberId ? "You asked" : "Asked you";
            row["state"] = StateLabel(i.State);
            row["since"] = (i.History[^1].At).ToString("d MMM yyyy", CultureInfo.InvariantCulture);
            row["intro"] = i.PairKey;
            row["round"] = i.Round;
            row["canCancel"] = i.State == IntroState.Requested && i.RequesterId == memberId;
            row["canAnswer"] = i.State == IntroState.Requested && i.PeerId == memberId;
            if (i.State == IntroState.Connected)
            {
                row["email"] = other?.Email ?? "";
                row["contact"] = other is null ? "" : string.Join(" · ", new[] { other.Email ?? "", other.PreferredContact }.Where(c => c.Length > 0));
            }
            return row;
        }
        var pending = intros.Where(i => i.IsOpen).Select(Row).ToList();
        var connected = intros.Where(i => i.State == IntroState.Connected).Select(Row).ToList();
        var past = intros.Where(i => i.State is IntroState.Declined or IntroState.Expired or IntroState.Cancelled).Select(Row).ToList();
        return new CardReply("introsList", new JsonObject
        {
            ["pending"] = new JsonArray([.. pending]),
            ["connected"] = new JsonArray([.. connected]),
            ["past"] = new JsonArray([.. past]),
            ["empty"] = intros.Count == 0,
        }, $"{pending.Count} pending, {connected.Count} connected, {past.Count} past intros.");
    }

    public static string StateLabel(IntroState state) => state switch
    {
        IntroState.Requested => "Waiting for an answer",
        IntroState.Accepted => "Accepted",
        IntroState.Connected => "Connected",
        IntroState.Declined => "Not available",
        IntroState.Expired => "Expired",
        IntroState.Cancelled => "Cancelled",
        _ => state.ToString(),
    };

    /// <summary>What anyone in the network may see about a member: never email.</summary>
    private static JsonObject PublicFacts(Peer? peer) => peer is null
        ? new JsonObject { ["name"] = "A former member", ["title"] = "", ["organization"] = "", ["band"] = "", ["industry"] = "" }
        : new JsonObject
        {
            ["name"] = peer.Name,
            ["title"] = peer.Title,
            ["organization"] = peer.Organization,
            ["band"] = peer.Band.Label,
            ["industry"] = peer.Industry,
        };

    private static List<string> SharedTopics(Peer a, Peer b) =>
        a.Topics.Where(t => b.Topics.Contains(t, StringComparer.OrdinalIgnoreCase)).ToList();

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)v)]);

    private static string Article(string title) =>
        title.Length > 0 && "AEIOUaeiou".Contains(title[0], StringComparison.Ordinal) ? "an " + title : "a " + title;
}
