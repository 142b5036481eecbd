package extract

import (
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// placeTable lists countries with their demonyms and some of their
// cities and regions, one country a line:
//
//	Country [| other names] ; demonym, demonym ; city, city, ...
//
// Extraction uses it to tell places from other capitalised words when the
// gazetteer does not know a name, to read a demonym ("the Tunisian
// killer", "a Pakistani group") as its country, and to know which country
// a city lies in. It is written by hand from general knowledge and is
// meant to be extended: add a line or a city.
const placeTable = `
Afghanistan ; Afghan ; Kabul, Kandahar, Jalalabad, Herat, Helmand, Kunar, Nangarhar, Khost, Mazar-i-Sharif
Albania ; Albanian ; Tirana
Algeria ; Algerian ; Algiers, Oran, Constantine
Angola ; Angolan ; Luanda
Argentina ; Argentine, Argentinian ; Buenos Aires
Armenia ; Armenian ; Yerevan
Australia ; Australian, Aussie ; Sydney, Melbourne, Brisbane, Perth, Adelaide, Canberra
Austria ; Austrian ; Vienna, Salzburg, Graz
Azerbaijan ; Azerbaijani, Azeri ; Baku
Bahrain ; Bahraini ; Manama
Bangladesh ; Bangladeshi ; Dhaka, Chittagong
Belarus ; Belarusian ; Minsk
Belgium ; Belgian ; Brussels, Antwerp, Molenbeek, Liege, Ghent, Verviers, Schaerbeek
Bosnia and Herzegovina | Bosnia ; Bosnian ; Sarajevo
Brazil ; Brazilian ; Rio de Janeiro, Sao Paulo, Brasilia
Bulgaria ; Bulgarian ; Sofia, Burgas
Burkina Faso ; Burkinabe ; Ouagadougou
Cameroon ; Cameroonian ; Yaounde, Douala
Canada ; Canadian ; Ottawa, Toronto, Montreal, Vancouver, Quebec, Calgary
Chad ; Chadian ; N'Djamena
Chechnya ; Chechen ; Grozny
Chile ; Chilean ; Santiago
China ; Chinese ; Beijing, Shanghai, Xinjiang, Urumqi, Kunming, Hong Kong
Colombia ; Colombian ; Bogota, Medellin
Croatia ; Croatian ; Zagreb
Cuba ; Cuban ; Havana, Guantanamo
Cyprus ; Cypriot ; Nicosia
Czech Republic | Czechia ; Czech ; Prague
Denmark ; Danish, Dane ; Copenhagen, Aarhus
Djibouti ; Djiboutian ; 
Egypt ; Egyptian ; Cairo, Alexandria, Sinai, Sharm el-Sheikh, Luxor, Giza, Port Said, El Arish, Arish
Eritrea ; Eritrean ; Asmara
Estonia ; Estonian ; Tallinn
Ethiopia ; Ethiopian ; Addis Ababa
Finland ; Finnish, Finn ; Helsinki, Turku
France ; French, Frenchman, Frenchmen ; Paris, Marseille, Lyon, Toulouse, Nice, Strasbourg, Lille, Bordeaux, Nantes, Montauban, Rouen, Saint-Etienne-du-Rouvray, Magnanville, Isere, Saint-Quentin-Fallavier, Saint-Denis, Normandy, Brittany, Corsica, Calais
Gambia ; Gambian ; Banjul
Georgia ; Georgian ; Tbilisi, Pankisi
Germany ; German ; Berlin, Munich, Hamburg, Frankfurt, Cologne, Stuttgart, Dusseldorf, Bonn, Hanover, Dresden, Leipzig, Ansbach, Wurzburg, Wuerzburg, Bavaria
Ghana ; Ghanaian ; Accra
Greece ; Greek ; Athens, Thessaloniki, Lesbos
Hungary ; Hungarian ; Budapest
India ; Indian ; New Delhi, Delhi, Mumbai, Bombay, Kolkata, Chennai, Bangalore, Hyderabad, Srinagar, Pathankot, Uri, Jammu, Punjab
Indonesia ; Indonesian ; Jakarta, Bali, Surabaya, Sulawesi, Poso
Iran ; Iranian, Persian ; Tehran, Mashhad, Isfahan, Qom, Zahedan
Iraq ; Iraqi ; Baghdad, Mosul, Basra, Fallujah, Ramadi, Tikrit, Kirkuk, Erbil, Sinjar, Anbar, Samarra, Najaf, Karbala, Nineveh
Ireland ; Irish ; Dublin, Cork
Israel ; Israeli ; Jerusalem, Tel Aviv, Haifa, Eilat
Italy ; Italian ; Rome, Milan, Naples, Turin, Florence, Venice, Bologna, Sicily
Ivory Coast | Cote d'Ivoire ; Ivorian ; Abidjan, Grand-Bassam
Japan ; Japanese ; Tokyo, Osaka
Jordan ; Jordanian ; Amman, Zarqa
Kashmir ; Kashmiri ; 
Kazakhstan ; Kazakh ; Astana, Almaty
Kenya ; Kenyan ; Nairobi, Mombasa, Garissa, Lamu
Kosovo ; Kosovar ; Pristina
Kuwait ; Kuwaiti ; Kuwait City
Kyrgyzstan ; Kyrgyz ; Bishkek, Osh
Lebanon ; Lebanese ; Beirut, Tripoli, Sidon, Tyre, Bekaa, Arsal
Libya ; Libyan ; Tripoli, Benghazi, Sirte, Derna, Misrata, Sabratha
Lithuania ; Lithuanian ; Vilnius
Luxembourg ; Luxembourgish ; 
Malaysia ; Malaysian ; Kuala Lumpur
Maldives ; Maldivian ; Male
Mali ; Malian ; Bamako, Timbuktu, Gao, Kidal
Mauritania ; Mauritanian ; Nouakchott
Mexico ; Mexican ; Mexico City
Morocco ; Moroccan ; Rabat, Casablanca, Marrakesh, Marrakech, Tangier, Fez
Mozambique ; Mozambican ; Maputo, Cabo Delgado
Myanmar | Burma ; Burmese ; Yangon, Rakhine
Nepal ; Nepalese, Nepali ; Kathmandu
Netherlands | Holland ; Dutch ; Amsterdam, Rotterdam, The Hague, Utrecht
New Zealand ; New Zealander ; Christchurch, Auckland, Wellington
Niger ; Nigerien ; Niamey
Nigeria ; Nigerian ; Abuja, Lagos, Maiduguri, Kano, Borno, Chibok
North Korea ; North Korean ; Pyongyang
Norway ; Norwegian ; Oslo, Utoya
Oman ; Omani ; Muscat
Pakistan ; Pakistani ; Islamabad, Karachi, Lahore, Peshawar, Rawalpindi, Quetta, Abbottabad, Waziristan, North Waziristan, South Waziristan, Swat, Multan, Faisalabad, Balochistan, Khyber Pakhtunkhwa
Palestine ; Palestinian ; Gaza, West Bank, Ramallah, Hebron
Philippines ; Filipino, Philippine ; Manila, Mindanao, Marawi, Jolo, Basilan
Poland ; Polish, Pole ; Warsaw, Krakow
Portugal ; Portuguese ; Lisbon, Porto
Qatar ; Qatari ; Doha
Romania ; Romanian ; Bucharest
Russia ; Russian ; Moscow, St Petersburg, Saint Petersburg, Dagestan, Beslan, Volgograd, Kazan
Saudi Arabia ; Saudi ; Riyadh, Jeddah, Mecca, Medina, Dammam
Senegal ; Senegalese ; Dakar
Serbia ; Serbian, Serb ; Belgrade
Singapore ; Singaporean ; 
Somalia ; Somali ; Mogadishu, Kismayo, Puntland, Somaliland
South Africa ; South African ; Johannesburg, Cape Town, Pretoria, Durban
South Korea ; South Korean, Korean ; Seoul
Spain ; Spanish, Spaniard ; Madrid, Barcelona, Seville, Valencia, Ripoll, Cambrils, Ceuta, Melilla, Catalonia, Basque Country
Sri Lanka ; Sri Lankan ; Colombo, Negombo, Batticaloa
Sudan ; Sudanese ; Khartoum, Darfur
South Sudan ; South Sudanese ; Juba
Sweden ; Swedish, Swede ; Stockholm, Gothenburg, Malmo
Switzerland ; Swiss ; Zurich, Geneva, Bern, Basel, Lausanne
Syria ; Syrian ; Damascus, Aleppo, Raqqa, Homs, Idlib, Deir ez-Zor, Palmyra, Kobane, Kobani, Hasakah, Latakia, Daraa, Hama, Manbij, al-Bab, Dabiq, Ghouta, Baghuz, al-Hol
Taiwan ; Taiwanese ; Taipei
Tajikistan ; Tajik ; Dushanbe
Tanzania ; Tanzanian ; Dar es Salaam, Zanzibar
Thailand ; Thai ; Bangkok, Pattani
Trinidad and Tobago | Trinidad ; Trinidadian ; Port of Spain
Tunisia ; Tunisian ; Tunis, Sousse, Ben Guerdane, Kairouan, Bizerte, Port El Kantaoui
Turkey | Turkiye ; Turkish, Turk ; Ankara, Istanbul, Izmir, Gaziantep, Sanliurfa, Diyarbakir, Antalya, Kilis, Suruc, Reyhanli
Turkmenistan ; Turkmen ; Ashgabat
Uganda ; Ugandan ; Kampala
Ukraine ; Ukrainian ; Kyiv, Kiev, Odessa, Kharkiv, Donetsk
United Arab Emirates | UAE ; Emirati ; Dubai, Abu Dhabi, Sharjah
United Kingdom | UK | U.K. | Britain | Great Britain ; British, Briton, Britons, Brit, Brits, English, Scottish, Welsh, Englishman ; London, Manchester, Birmingham, Leeds, Glasgow, Edinburgh, Liverpool, Bristol, Bradford, Leicester, Luton, Cardiff, Belfast, Sheffield, Newcastle, Rochdale, Dewsbury, Salisbury, Westminster, Whitehall, Finsbury Park, Brixton, Croydon, Woolwich, Rotherham, Portsmouth, Oxford, Cambridge, Northern Ireland, Scotland, Wales, England
United States | US | U.S. | USA | U.S.A. | America | United States of America ; American, Americans ; New York, New York City, Washington, Washington DC, Los Angeles, Chicago, Boston, San Francisco, San Bernardino, Orlando, Miami, Houston, Dallas, Philadelphia, Minneapolis, St. Cloud, Seattle, Denver, Atlanta, Detroit, Chattanooga, Fort Hood, Garland, Queens, Brooklyn, Manhattan, New Jersey, Minnesota, Florida, Texas, California, Virginia, Maryland, Ohio, Michigan, Colorado, Pennsylvania, Massachusetts, Galway, Albany, Pentagon, Guantanamo Bay
Uzbekistan ; Uzbek ; Tashkent, Fergana
Venezuela ; Venezuelan ; Caracas
Vietnam ; Vietnamese ; Hanoi
Yemen ; Yemeni ; Sanaa, Aden, Mukalla, Hadramawt, Hadramout, Marib, Abyan, Shabwa, Taiz, Hodeidah
Zimbabwe ; Zimbabwean ; Harare
`

// regionTable lists regions that are places but no country's own.
var regionTable = []string{
	"Middle East", "Europe", "Western Europe", "Eastern Europe", "Africa", "North Africa", "West Africa", "East Africa",
	"Sahel", "Maghreb", "Levant", "Asia", "South Asia", "Central Asia", "Southeast Asia", "Caucasus", "North Caucasus",
	"Balkans", "Gulf", "Persian Gulf", "Arabian Peninsula", "Horn of Africa", "Latin America", "Scandinavia",
	"Kurdistan", "Iraqi Kurdistan", "Sinai Peninsula", "Tora Bora", "Federally Administered Tribal Areas", "FATA",
}

// placeInfo is what the table says about one place name.
type placeInfo struct {
	name    string // the place as the table writes it
	country string // its country's name; itself for a country
	isCity  bool
}

var (
	// placesByKey maps a folded place name to what the table knows.
	placesByKey = map[string][]placeInfo{}
	// demonyms maps a folded demonym ("tunisian") to its country.
	demonyms = map[string]string{}
	// countryByKey maps a folded country name or other name to the
	// country's first name in the table.
	countryByKey = map[string]string{}
)

func init() {
	for _, line := range strings.Split(placeTable+placeTableMore, "\n") {
		parts := strings.Split(line, ";")
		if len(parts) != 3 {
			continue
		}
		names := strings.Split(parts[0], "|")
		country := strings.TrimSpace(names[0])
		for _, n := range names {
			n = strings.TrimSpace(n)
			k := graph.NormalizeName(n)
			countryByKey[k] = country
			placesByKey[k] = append(placesByKey[k], placeInfo{name: n, country: country})
		}
		for _, d := range strings.Split(parts[1], ",") {
			if d = strings.TrimSpace(d); d != "" {
				demonyms[graph.NormalizeName(d)] = country
			}
		}
		for _, c := range strings.Split(parts[2], ",") {
			if c = strings.TrimSpace(c); c != "" {
				k := graph.NormalizeName(c)
				placesByKey[k] = append(placesByKey[k], placeInfo{name: c, country: country, isCity: true})
			}
		}
	}
	for _, r := range regionTable {
		k := graph.NormalizeName(r)
		placesByKey[k] = append(placesByKey[k], placeInfo{name: r})
	}
}

// knownPlace returns what the place table knows of a folded name.
func knownPlace(key string) (placeInfo, bool) {
	ps := placesByKey[key]
	if len(ps) == 0 {
		return placeInfo{}, false
	}
	return ps[0], true
}
