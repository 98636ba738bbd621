using System.Globalization;

namespace GuideBuilder.Bench.Runner;

/// <summary>Median with min–max, the way the benchmark reports every figure.</summary>
public readonly record struct Stats(double Median, double Min, double Max)
{
    public static Stats Of(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        if (v.Length == 0) return new Stats(double.NaN, double.NaN, double.NaN);
        var median = v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
        return new Stats(median, v[0], v[^1]);
    }

    public string Format(string unit = "", int decimals = 0) =>
        string.Create(CultureInfo.InvariantCulture, $"{Median.ToString("F" + decimals, CultureInfo.InvariantCulture)}{unit} ({Min.ToString("F" + decimals, CultureInfo.InvariantCulture)}–{Max.ToString("F" + decimals, CultureInfo.InvariantCulture)})");
}
