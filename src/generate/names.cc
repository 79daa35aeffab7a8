// Employer names (see names.h).
#include "generate/names.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace banenmonitor::generate {

namespace {

template <typename T>
const T& Pick(const std::vector<T>& v, Rng& rng) {
  return v[rng.Below(v.size())];
}

const std::vector<std::string_view> kStems = {
    "Linde", "Beuk", "Eik", "Wilg", "Berk", "Els", "Es", "Hazel", "Vlier", "Meidoorn", "Reiger", "Kievit", "Zwaluw",
    "Vos", "Hert", "Ree", "Bever", "Otter", "Zwaan", "Mol", "Heide", "Klei", "Zand", "Veen", "Brem", "Riet",
    "Lis", "Roos", "Hoeve", "Molen", "Sluis", "Kapel", "Dijk", "Akker", "Weide", "Wouden", "Hamer", "Kraan"};
const std::vector<std::string_view> kRoots = {
    "veen", "wijk", "dam", "broek", "horst", "hoven", "dorp", "kerk", "burg", "meer", "zijl", "wolde", "lo",
    "rade", "stein", "haven", "zand", "berg", "beek", "mond", "ingen", "huizen", "hout", "land", "veld", "gaard",
    "oord", "hem", "hage", "kamp"};
const std::vector<std::string_view> kPrefixes = {"Oud-", "Nieuw-", "Groot-", "Klein-", "Noord-", "Zuid-", "Oost-",
                                                 "West-", "Hoog-", "Neder-"};
const std::vector<std::string_view> kSurnames = {
    "De Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "De Boer", "Mulder", "De Groot", "Bos", "Vos",
    "Peters", "Hendriks", "Van Leeuwen", "Dekker", "Brouwer", "De Wit", "Dijkstra", "Smits", "De Graaf",
    "Van der Meer", "Van der Linden", "Kok", "Jacobs", "De Haan", "Vermeulen", "Van den Berg", "Van Dijk", "Koster",
    "Prins", "Huisman", "Kuipers", "Post", "Kramer", "Van Wijk", "Willems", "Hoekstra", "Maas", "Verhoeven",
    "Koning", "El Amrani", "Yilmaz", "Öztürk", "Nguyen", "Bouzid", "Çelik"};
const std::vector<std::string_view> kBranches = {
    "Bouw", "Installatietechniek", "Schoonmaak", "Groenvoorziening", "Logistiek", "Transport", "Horeca", "Catering",
    "Zorg", "Thuiszorg", "Kinderopvang", "Detailhandel", "Supermarkten", "Bakkerij", "Slagerij", "ICT",
    "Administratie", "Metaal", "Drukkerij", "Verpakking", "Tuincentrum", "Hoveniers", "Facilitaire Diensten",
    "Beveiliging", "Autobedrijf", "Fietsen", "Meubelmakerij", "Wasserij", "Recycling", "Voedingsmiddelen",
    "Kwekerij", "Hotel", "Accountants", "Elektrotechniek", "Zuivel", "Glastuinbouw"};
const std::vector<std::string_view> kForms = {"B.V.", "B.V.", "B.V.", "Groep B.V.", "& Zn. B.V.", "V.O.F.",
                                              "Holding B.V.", "N.V."};

}  // namespace

std::vector<std::string> PlaceNames(std::size_t n, Rng& rng) {
  std::vector<std::string> all;
  for (auto s : kStems) {
    for (auto r : kRoots) {
      std::string name = std::string(s) + std::string(r);
      // "Veenveen", "Zandzand": avoid a root that repeats the stem.
      std::string lower = name;
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (lower.find(std::string(r)) != lower.size() - r.size()) continue;
      all.push_back(std::move(name));
    }
  }
  // Shuffle (Fisher-Yates with our own generator: std::shuffle is not portable bit for bit).
  for (std::size_t i = all.size(); i > 1; --i) std::swap(all[i - 1], all[rng.Below(i)]);
  std::vector<std::string> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t round = i / all.size();
    const std::string& base = all[i % all.size()];
    if (round == 0) out.push_back(base);
    else out.push_back(std::string(kPrefixes[(round - 1) % kPrefixes.size()]) + base +
                       (round > kPrefixes.size() ? fmt::format(" {}", round) : ""));
  }
  return out;
}

std::string CompanyName(Rng& rng, std::string_view place) {
  double u = rng.Uniform();
  // Each draw is its own statement: the order in which a call's arguments are
  // evaluated is unspecified (GCC and clang differ), and the same seed must give
  // the same bytes whatever compiled the program.
  if (u < 0.03) {
    auto second = Pick(kSurnames, rng);
    auto first = Pick(kSurnames, rng);
    return fmt::format("{}, {} en Partners", first, second);
  }
  if (u < 0.25) {
    auto form = Pick(kForms, rng);
    auto branch = Pick(kBranches, rng);
    return fmt::format("{} {} {}", branch, place, form);
  }
  auto form = Pick(kForms, rng);
  auto branch = Pick(kBranches, rng);
  auto surname = Pick(kSurnames, rng);
  return fmt::format("{} {} {}", surname, branch, form);
}

std::string AgencyName(Rng& rng, std::string_view place) {
  switch (rng.Below(5)) {
    case 0: return fmt::format("{} Uitzendgroep B.V.", Pick(kStems, rng));
    case 1: return fmt::format("{} Payroll B.V.", Pick(kSurnames, rng));
    case 2: return fmt::format("Flex{} B.V.", Pick(kStems, rng));
    case 3: return fmt::format("{} Detachering B.V.", place);
    default: return fmt::format("Werkstart {} Uitzenden B.V.", place);
  }
}

std::string WswEmployerName(Rng& rng, std::string_view place) {
  switch (rng.Below(3)) {
    case 0: return fmt::format("Werkbedrijf {}", place);
    case 1: return fmt::format("{} Werkt (Wsw)", place);
    default: return fmt::format("Sociale Werkvoorziening {}", place);
  }
}

std::string SchoolBoardName(std::string_view subsector, Rng& rng, std::string_view place) {
  if (subsector == "po") {
    switch (rng.Below(4)) {
      case 0: return fmt::format("Stichting Openbaar Primair Onderwijs {}", place);
      case 1: return fmt::format("Vereniging Christelijk Onderwijs {}", place);
      case 2: return fmt::format("Stichting Katholiek Onderwijs {}", place);
      default: return fmt::format("Stichting {} Scholen", Pick(kStems, rng));
    }
  }
  if (subsector == "vo") {
    switch (rng.Below(3)) {
      case 0: return fmt::format("Scholengroep {}", place);
      case 1: return fmt::format("Stichting {}college", Pick(kStems, rng));
      default: return fmt::format("Lyceum {}", place);
    }
  }
  if (subsector == "mbo") return rng.Chance(0.5) ? fmt::format("ROC {}", place) : fmt::format("{} College (mbo)", place);
  return rng.Chance(0.5) ? fmt::format("Hogeschool {}", place) : fmt::format("{} Hogeschool", Pick(kStems, rng));
}

std::string OverigName(Rng& rng, std::string_view place) {
  switch (rng.Below(4)) {
    case 0: return fmt::format("Veiligheidsregio {}", place);
    case 1: return fmt::format("GGD {}", place);
    case 2: return fmt::format("Omgevingsdienst {}", place);
    default: return fmt::format("Gemeenschappelijke regeling {}", place);
  }
}

const std::vector<std::string_view>& Provincies() {
  static const std::vector<std::string_view> v = {
      "Provincie Groningen", "Provincie Fryslân",    "Provincie Drenthe",       "Provincie Overijssel",
      "Provincie Flevoland", "Provincie Gelderland", "Provincie Utrecht",       "Provincie Noord-Holland",
      "Provincie Zuid-Holland", "Provincie Zeeland", "Provincie Noord-Brabant", "Provincie Limburg"};
  return v;
}

const std::vector<std::string_view>& Waterschappen() {
  static const std::vector<std::string_view> v = {
      "Hoogheemraadschap van Rijnland", "Hoogheemraadschap van Delfland",
      "Hoogheemraadschap van Schieland en de Krimpenerwaard", "Hoogheemraadschap Hollands Noorderkwartier",
      "Waterschap Amstel, Gooi en Vecht", "Hoogheemraadschap De Stichtse Rijnlanden", "Waterschap Rivierenland",
      "Waterschap Hollandse Delta", "Waterschap Brabantse Delta", "Waterschap De Dommel", "Waterschap Aa en Maas",
      "Waterschap Limburg", "Waterschap Rijn en IJssel", "Waterschap Vallei en Veluwe",
      "Waterschap Drents Overijsselse Delta", "Waterschap Vechtstromen", "Waterschap Zuiderzeeland",
      "Waterschap Hunze en Aa's", "Waterschap Noorderzijlvest", "Wetterskip Fryslân", "Waterschap Scheldestromen"};
  return v;
}

const std::vector<std::string_view>& Universities() {
  static const std::vector<std::string_view> v = {
      "Universiteit van Amsterdam", "Vrije Universiteit Amsterdam", "Universiteit Leiden", "Universiteit Utrecht",
      "Rijksuniversiteit Groningen", "Erasmus Universiteit Rotterdam", "Radboud Universiteit", "Tilburg University",
      "Maastricht University", "Technische Universiteit Delft", "Technische Universiteit Eindhoven",
      "Universiteit Twente", "Wageningen University & Research", "Open Universiteit"};
  return v;
}

const std::vector<std::string_view>& Umcs() {
  static const std::vector<std::string_view> v = {"Amsterdam UMC", "Erasmus MC", "LUMC", "UMC Utrecht", "UMCG",
                                                  "Radboudumc", "Maastricht UMC+"};
  return v;
}

const std::vector<std::string_view>& ResearchInstitutes() {
  static const std::vector<std::string_view> v = {
      "TNO", "NWO-instituten", "KNAW-instituten", "Deltares", "Koninklijk Nederlands Lucht- en Ruimtevaartcentrum",
      "MARIN", "Naturalis Biodiversity Center", "Nederlands Kanker Instituut", "Wetsus", "NIOZ"};
  return v;
}

const std::vector<std::string_view>& Zbos() {
  static const std::vector<std::string_view> v = {
      "UWV", "Sociale Verzekeringsbank", "Kadaster", "RDW", "Centraal Bureau voor de Statistiek",
      "Kamer van Koophandel", "Autoriteit Financiële Markten", "COA", "CAK", "Nederlandse Zorgautoriteit",
      "Autoriteit Persoonsgegevens", "Staatsbosbeheer"};
  return v;
}

const std::vector<std::string_view>& Courts() {
  static const std::vector<std::string_view> v = {
      "Raad voor de rechtspraak", "Rechtbank Amsterdam", "Rechtbank Den Haag", "Rechtbank Gelderland",
      "Rechtbank Limburg", "Rechtbank Midden-Nederland", "Rechtbank Noord-Holland", "Rechtbank Noord-Nederland",
      "Rechtbank Oost-Brabant", "Rechtbank Overijssel", "Rechtbank Rotterdam", "Rechtbank Zeeland-West-Brabant",
      "Gerechtshof Amsterdam", "Gerechtshof Arnhem-Leeuwarden", "Gerechtshof Den Haag",
      "Gerechtshof 's-Hertogenbosch", "Centrale Raad van Beroep", "College van Beroep voor het bedrijfsleven"};
  return v;
}

const std::vector<NamedSize>& MinistryEmployers(std::string_view ministry) {
  static const std::map<std::string_view, std::vector<NamedSize>> m = {
      {"AZ", {{"Ministerie van Algemene Zaken", 450}, {"Rijksvoorlichtingsdienst", 120}}},
      {"BZ", {{"Ministerie van Buitenlandse Zaken", 3200}, {"Ministerie van Buitenlandse Zaken, posten", 1600}}},
      {"BZK", {{"Ministerie van BZK, kerndepartement", 3500}, {"Rijksvastgoedbedrijf", 1700}, {"Logius", 700},
               {"SSC-ICT", 1400}, {"FMHaaglanden", 1300}, {"P-Direkt", 700}}},
      {"EZK", {{"Ministerie van EZK, kerndepartement", 2200}, {"Rijksdienst voor Ondernemend Nederland", 3800},
               {"Rijksinspectie Digitale Infrastructuur", 300}}},
      {"Fin", {{"Ministerie van Financiën, kerndepartement", 1900}, {"Belastingdienst", 26000},
               {"Douane", 5200}, {"Domeinen Roerende Zaken", 250}}},
      {"IenW", {{"Ministerie van IenW, kerndepartement", 2500}, {"Rijkswaterstaat", 9500}, {"KNMI", 700},
                {"Inspectie Leefomgeving en Transport", 1100}}},
      {"JenV", {{"Ministerie van JenV, kerndepartement", 4000}, {"Dienst Justitiële Inrichtingen", 17000},
                {"Immigratie- en Naturalisatiedienst", 6000}, {"Openbaar Ministerie", 5500},
                {"Centraal Justitieel Incassobureau", 900}, {"Justitiële Informatiedienst", 250}}},
      {"LNV", {{"Ministerie van LNV, kerndepartement", 1800}, {"Nederlandse Voedsel- en Warenautoriteit", 3000},
               {"Dienst Regelingen", 1200}}},
      {"OCW", {{"Ministerie van OCW, kerndepartement", 1800}, {"Dienst Uitvoering Onderwijs", 2500},
               {"Inspectie van het Onderwijs", 600}}},
      {"SZW", {{"Ministerie van SZW, kerndepartement", 1700}, {"Nederlandse Arbeidsinspectie", 1500}}},
      {"VWS", {{"Ministerie van VWS, kerndepartement", 2100}, {"RIVM", 1900}, {"CIBG", 600}}},
  };
  static const std::vector<NamedSize> none;
  auto it = m.find(ministry);
  return it == m.end() ? none : it->second;
}

}  // namespace banenmonitor::generate
