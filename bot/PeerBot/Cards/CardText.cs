namespace PeerBot.Cards;

/// <summary>
/// A rule for the text of a rendered card: given a string property, the text to write instead.
/// <paramref name="ownerType"/> is the "type" of the object that holds the property (null when it has none, as a
/// fact of a FactSet); <paramref name="containerType"/> is the type of the nearest typed object around that one.
/// </summary>
public delegate string CardText(string? ownerType, string? containerType, string property, string text);
