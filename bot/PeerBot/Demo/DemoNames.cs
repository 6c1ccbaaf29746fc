namespace PeerBot.Demo;

/// <summary>Given names and family names from many places, combined at random into people who do not exist.</summary>
public static class DemoNames
{
    public static readonly IReadOnlyList<string> Given =
    [
        "Amara", "Bastian", "Chiara", "Dmitri", "Elif", "Farid", "Greta", "Hiroshi", "Ines", "Jonas",
        "Kavya", "Lucas", "Mei", "Nikolai", "Olu", "Priya", "Quentin", "Rania", "Soren", "Tamsin",
        "Uche", "Valentina", "Wiktor", "Ximena", "Yusuf", "Zofia", "Adaeze", "Benedikt", "Camila", "Dara",
        "Emeka", "Freya", "Gabriel", "Hana", "Ivan", "Jasmin", "Kenji", "Leila", "Mateo", "Nadia",
        "Oskar", "Paloma", "Rafael", "Saoirse", "Tariq", "Ulla", "Vikram", "Wanjiru", "Yara", "Zain",
        "Aisling", "Bruno", "Chen", "Delphine", "Esteban", "Fatima", "Gustavo", "Helga", "Imani", "Joaquin",
        "Kiri", "Lorenzo", "Marisol", "Noor", "Ottilie", "Pedro", "Rosalind", "Sebastian", "Thandiwe", "Umar",
        "Vera", "Wei", "Anneliese", "Bilal", "Cosima", "Darius", "Eleni", "Florian", "Ingrid", "Jae-won",
        "Kofi", "Lucia", "Magnus", "Nkechi", "Orla", "Pavel", "Renata", "Siddharth", "Tove", "Aurelio",
    ];

    public static readonly IReadOnlyList<string> Family =
    [
        "Abernathy", "Bakshi", "Castellanos", "Duchamp", "Eriksen", "Fonseca", "Grabowski", "Hartley", "Ibekwe", "Jovanovic",
        "Kowalczyk", "Lindqvist", "Moreau", "Nakamura", "Okonkwo", "Petrenko", "Quiroga", "Rasmussen", "Sandoval", "Tanaka",
        "Ueda", "Varga", "Whitcombe", "Xu", "Yilmaz", "Zielinski", "Achterberg", "Brennan", "Chakraborty", "Dimitriou",
        "Esposito", "Falkenberg", "Gallagher", "Haddad", "Ivanova", "Juarez", "Kaur", "Lemaire", "Mbeki", "Novak",
        "Oyelaran", "Pellegrini", "Rahman", "Sato", "Thorsen", "Uribe", "Vasquez", "Wojcik", "Yamamoto", "Zapata",
        "Adeyemi", "Bergstrom", "Cardoso", "Delacroix", "Ekwueme", "Fitzgerald", "Gonzaga", "Holloway", "Iqbal", "Jensen",
        "Kimura", "Larsen", "Mendoza", "Nwosu", "Oduya", "Papadakis", "Ravensworth", "Sorensen", "Takahashi", "Ulrich",
        "Valdivia", "Weatherby", "Yoon", "Zhou", "Aldana", "Brightwater", "Costa", "Drummond", "Engel", "Fairweather",
        "Greenhalgh", "Hoffmann", "Inglewood", "Kapoor", "Lombardi", "Marchetti", "Nieminen", "Ortega", "Pemberton", "Sutherland",
    ];
}
