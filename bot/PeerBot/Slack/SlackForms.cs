using System.Text.Json.Nodes;
using PeerBot.Intros;
using PeerBot.Profiles;

namespace PeerBot.Slack;

/// <summary>
/// A card that Slack shows as a modal (its template's root is a view). Submitting or closing it becomes the
/// card action the other channels send from their form (no close action: closing does nothing);
/// <see cref="ReopenVerb"/> opens it again from a button.
/// </summary>
public sealed record SlackForm(string CallbackId, string SubmitVerb, string? CloseVerb, string ReopenVerb, Func<JsonObject, JsonObject?> Check);

public static class SlackForms
{
    public static readonly SlackForm Profile = new("profileForm", ProfileActions.Save, ProfileActions.Cancel, ProfileActions.Edit, CheckProfile);

    /// <summary>"Request intro" with an optional note: what Teams shows inline on the results card.</summary>
    public static readonly SlackForm IntroNote = new("introNote", IntroVerbs.Request, null, IntroVerbs.Compose, CheckIntroNote);

    /// <summary>The one message PeerBot forwards for a connection without contact details: what Teams shows inline.</summary>
    public static readonly SlackForm RelayNote = new("relayNote", IntroVerbs.Relay, null, IntroVerbs.ComposeRelay, CheckRelayNote);

    private static readonly SlackForm[] All = [Profile, IntroNote, RelayNote];

    public static SlackForm? Find(string? callbackId) => All.FirstOrDefault(f => f.CallbackId == callbackId);

    /// <summary>A modal's state (block → action → input) as the flat field → text object card forms submit.</summary>
    public static JsonObject Flatten(JsonObject? values)
    {
        var result = new JsonObject();
        foreach (var (_, block) in values ?? [])
        {
            foreach (var (actionId, input) in block as JsonObject ?? [])
            {
                result[actionId] = SlackPayloads.Text(SlackPayloads.Field(input, "type")) switch
                {
                    "static_select" or "radio_buttons" or "external_select" => SlackPayloads.Text(SlackPayloads.Field(input, "selected_option", "value")) ?? "",
                    "checkboxes" or "multi_static_select" => string.Join(",", (SlackPayloads.Field(input, "selected_options") as JsonArray ?? []).Select(o => SlackPayloads.Text(SlackPayloads.Field(o, "value")))),
                    "datepicker" => SlackPayloads.Text(SlackPayloads.Field(input, "selected_date")) ?? "",
                    "timepicker" => SlackPayloads.Text(SlackPayloads.Field(input, "selected_time")) ?? "",
                    _ => SlackPayloads.Text(SlackPayloads.Field(input, "value")) ?? "",
                };
            }
        }
        return result;
    }

    /// <summary>
    /// Where a modal was opened from, and the values its card carries (the template's own private_metadata, such as
    /// the peer a note is for), kept in its private_metadata so that the submission lands there with them.
    /// </summary>
    public static string WriteOrigin(string conversationId, bool isPersonal, JsonObject? carried = null)
    {
        var origin = new JsonObject { ["conversation"] = conversationId, ["personal"] = isPersonal };
        if (carried is { Count: > 0 })
        {
            origin["carried"] = carried.DeepClone();
        }
        return origin.ToJsonString();
    }

    public static (string ConversationId, bool? IsPersonal, JsonObject Carried) ReadOrigin(string? metadata)
    {
        var origin = metadata is null ? null : SlackPayloads.ParseObject(metadata);
        var personal = origin?["personal"] is JsonValue p && p.TryGetValue<bool>(out var b) ? b : (bool?)null;
        var carried = new JsonObject();
        foreach (var (key, value) in origin?["carried"] as JsonObject ?? [])
        {
            // Only plain strings travel: they stand for what a card's button would have carried.
            if (value is JsonValue v && v.TryGetValue<string>(out var text))
            {
                carried[key] = text;
            }
        }
        return (SlackPayloads.Text(origin?["conversation"]) ?? "", personal, carried);
    }

    private static JsonObject? CheckIntroNote(JsonObject submitted) =>
        (submitted["note"] is JsonValue v && v.TryGetValue<string>(out var note) ? note : "").Length > IntroRules.MaxNoteLength
            ? new JsonObject { ["note"] = $"Keep the note to {IntroRules.MaxNoteLength} characters." }
            : null;

    private static JsonObject? CheckRelayNote(JsonObject submitted)
    {
        var message = ProfileForm.Clean(submitted["message"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : "");
        return message.Length == 0 ? new JsonObject { ["message"] = "Write a message first." }
            : message.Length > IntroRules.MaxRelayLength ? new JsonObject { ["message"] = $"Keep the message to {IntroRules.MaxRelayLength} characters." }
            : null;
    }

    // Checked while Slack waits, so mistakes show under the fields in the open modal. Each field is checked
    // on its own against an otherwise valid form, so every message lands under the field it is about.
    private static JsonObject? CheckProfile(JsonObject submitted)
    {
        var form = ProfileForm.FromSubmission(submitted);
        var valid = new ProfileForm("Name", "Title", "Organization", "10", "", "UTC", "", true);
        var candidates = new (string Field, ProfileForm Form)[]
        {
            ("name", valid with { Name = form.Name }),
            ("title", valid with { Title = form.Title }),
            ("organization", valid with { Organization = form.Organization }),
            ("headcount", valid with { Headcount = form.Headcount }),
            ("industry", valid with { Industry = form.Industry }),
            ("timeZone", valid with { TimeZone = form.TimeZone }),
            ("topics", valid with { Topics = form.Topics }),
        };
        var errors = new JsonObject();
        foreach (var (field, candidate) in candidates)
        {
            if (candidate.Validate() is [var first, ..])
            {
                errors[field] = first;
            }
        }
        return errors.Count == 0 ? null : errors;
    }
}
