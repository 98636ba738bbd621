namespace GuideBuilder.Bench.Corpus;

/// <summary>
/// SplitMix64: a tiny generator whose sequence depends only on its seed, never on the runtime
/// version, so a corpus generated today is byte-for-byte the corpus generated next year.
/// </summary>
public sealed class Rng(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A generator for one stream (<paramref name="stream"/>) of item <paramref name="index"/> under <paramref name="seed"/>.</summary>
    public static Rng For(int seed, int index, int stream) =>
        new(Mix((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ Mix((ulong)(uint)index + ((ulong)(uint)stream << 32))));

    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>0 ≤ result &lt; <paramref name="max"/>.</summary>
    public int Int(int max) => (int)(Next() % (ulong)max);

    public int Int(int min, int max) => min + Int(max - min);

    public bool Chance(int percent) => Int(100) < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[Int(items.Count)];

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
