package extract

// placeTableMore extends placeTable (same notation; an empty demonym part
// adds cities to a country listed there): more countries, and more of the
// cities, provinces and states that reporting on political violence
// names, from general knowledge. Names that are common English words
// ("Reading", "Bath", "Split", "Mobile") are left out: a place is read
// from them only when the graph knows them.
const placeTableMore = `
Afghanistan ; ; Ghazni, Kunduz, Logar, Paktia, Paktika, Bagram, Zabul, Uruzgan, Farah, Badakhshan, Baghlan, Laghman, Nuristan, Parwan, Wardak, Kapisa, Bamiyan, Faryab, Jowzjan, Sar-e Pol, Lashkar Gah
Algeria ; ; In Amenas, Annaba, Batna, Blida, Tamanrasset, Kabylie
Australia ; ; Hobart, Darwin, Gold Coast, Parramatta, Lindt Cafe, Queensland, New South Wales, Western Australia, Tasmania
Austria ; ; Linz, Innsbruck, Klagenfurt
Bangladesh ; ; Sylhet, Rajshahi, Khulna, Gulshan, Cox's Bazar
Belgium ; ; Charleroi, Leuven, Mechelen, Vilvoorde, Zaventem, Anderlecht, Maelbeek, Flanders, Wallonia
Benin ; Beninese ; Cotonou, Porto-Novo
Bolivia ; Bolivian ; La Paz, Sucre, Santa Cruz
Burundi ; Burundian ; Bujumbura, Gitega
Cambodia ; Cambodian ; Phnom Penh
Cameroon ; ; Maroua, Kolofata, Garoua, Mora, Far North Region
Canada ; ; Edmonton, Winnipeg, Halifax, Saint-Jean-sur-Richelieu, Ontario, Alberta, British Columbia, Manitoba, Nova Scotia
Central African Republic | CAR ; Central African ; Bangui
China ; ; Tianjin, Guangzhou, Shenzhen, Chongqing, Wuhan, Kashgar, Hotan, Tibet, Lhasa
Colombia ; ; Cali, Cartagena
Democratic Republic of the Congo | DR Congo | DRC | Congo-Kinshasa ; Congolese ; Kinshasa, Goma, Beni, Bunia, North Kivu, South Kivu, Ituri, Lubumbashi
Denmark ; ; Odense
Dominican Republic ; Dominican ; Santo Domingo
Ecuador ; Ecuadorian ; Quito, Guayaquil
Egypt ; ; Suez, Ismailia, Minya, Asyut, Assiut, Tanta, Mansoura, Sheikh Zuweid, Hurghada, Aswan
El Salvador ; Salvadoran ; San Salvador
France ; ; Saint-Etienne, Grenoble, Montpellier, Rennes, Reims, Le Havre, Dijon, Avignon, Perpignan, Carcassonne, Trebes, Conflans-Sainte-Honorine, Villejuif, Sevran, Trappes, Lunel, Roubaix, Bataclan, Champs-Elysees, Ile-de-France, Provence, Alsace, Seine-Saint-Denis
Germany ; ; Essen, Bremen, Dortmund, Duisburg, Bochum, Wuppertal, Bielefeld, Mannheim, Karlsruhe, Augsburg, Wiesbaden, Kiel, Mainz, Freiburg, Hildesheim, Solingen, Reutlingen, Hesse, Saxony, North Rhine-Westphalia, Lower Saxony, Baden-Wurttemberg, Breitscheidplatz
Guatemala ; Guatemalan ; Guatemala City
Guinea ; Guinean ; Conakry
Haiti ; Haitian ; Port-au-Prince
Honduras ; Honduran ; Tegucigalpa
Iceland ; Icelandic ; Reykjavik
India ; ; Lucknow, Ahmedabad, Pune, Jaipur, Surat, Kanpur, Nagpur, Patna, Bhopal, Varanasi, Amritsar, Pulwama, Anantnag, Baramulla, Kupwara, Kerala, Gujarat, Assam, Manipur, Uttar Pradesh, Maharashtra, Tamil Nadu, Karnataka, Bihar, Odisha, Chhattisgarh, Jharkhand, Andhra Pradesh, Telangana
Indonesia ; ; Makassar, Medan, Bandung, Solo, Yogyakarta, Semarang, Aceh, Java, Sumatra, Papua
Iran ; ; Ahvaz, Tabriz, Shiraz, Kerman, Khuzestan, Sistan and Baluchestan
Iraq ; ; Hawija, Tal Afar, Diyala, Salahuddin, Dohuk, Duhok, Sulaymaniyah, Baqubah, Haditha, Qaim, Abu Ghraib, Camp Bucca
Israel ; ; Ashkelon, Sderot, Beersheba, Netanya, Ashdod, Nazareth, Golan Heights
Italy ; ; Genoa, Palermo, Bari, Catania, Verona, Lampedusa, Sardinia, Lombardy
Jamaica ; Jamaican ; Kingston
Jordan ; ; Irbid, Karak, Aqaba
Kenya ; ; Kisumu, Nakuru, Mandera, Wajir, Eastleigh, Westgate
Laos ; Lao, Laotian ; Vientiane
Latvia ; Latvian ; Riga
Lebanon ; ; Baalbek, Nabatieh, Dahiyeh, Ain al-Hilweh, Nahr al-Bared
Liberia ; Liberian ; Monrovia
Libya ; ; Tobruk, Ajdabiya, Zawiya, Fezzan, Cyrenaica, Tripolitania
Madagascar ; Malagasy ; Antananarivo
Malawi ; Malawian ; Lilongwe, Blantyre
Mali ; ; Mopti, Menaka, Sevare, Segou, Kayes, Sikasso, Douentza
Malta ; Maltese ; Valletta
Mexico ; ; Guadalajara, Monterrey, Tijuana, Ciudad Juarez, Sinaloa, Michoacan
Moldova ; Moldovan ; Chisinau
Montenegro ; Montenegrin ; Podgorica
Morocco ; ; Agadir, Meknes, Oujda, Nador, Tetouan
Mozambique ; ; Pemba, Palma, Mocimboa da Praia, Nampula
Namibia ; Namibian ; Windhoek
Netherlands ; ; Eindhoven, Groningen, Arnhem, Maastricht
Nicaragua ; Nicaraguan ; Managua
Niger ; ; Diffa, Agadez, Tillaberi, Tahoua, Zinder, Tongo Tongo
Nigeria ; ; Yola, Damaturu, Jos, Kaduna, Zaria, Sokoto, Yobe, Adamawa, Bauchi, Gombe, Zamfara, Katsina, Niger Delta, Port Harcourt
North Macedonia | Macedonia ; Macedonian ; Skopje
Norway ; ; Bergen, Trondheim, Stavanger
Pakistan ; ; Sialkot, Gujranwala, Mardan, Bannu, Dera Ismail Khan, Tirah, Kurram, Orakzai, Bajaur, Mohmand, Khyber, Miranshah, Mir Ali, Wana, Sindh, Gilgit-Baltistan, Azad Kashmir, Muridke, Bahawalpur, Sargodha
Palestine ; ; Nablus, Jenin, Bethlehem, Khan Younis, Jabalia, Tulkarm, Qalqilya, East Jerusalem
Panama ; Panamanian ; Panama City
Paraguay ; Paraguayan ; Asuncion
Peru ; Peruvian ; Lima, Cusco, Ayacucho
Philippines ; ; Cebu, Davao, Zamboanga, Sulu, Lanao del Sur, Maguindanao, Cotabato
Poland ; ; Gdansk, Wroclaw, Poznan, Lodz
Russia ; ; Nalchik, Makhachkala, Nazran, Ingushetia, Kabardino-Balkaria, Yekaterinburg, Novosibirsk, Samara, Nizhny Novgorod, Rostov-on-Don, Krasnodar, Sochi, Stavropol, Tatarstan
Rwanda ; Rwandan ; Kigali
Saudi Arabia ; ; Taif, Qatif, Khobar, Abha, Jizan, Najran, Eastern Province
Sierra Leone ; Sierra Leonean ; Freetown
Slovakia ; Slovak ; Bratislava
Slovenia ; Slovenian, Slovene ; Ljubljana
Somalia ; ; Baidoa, Beledweyne, Marka, Merca, Jilib, Jowhar, Bosaso, Galkayo, Hargeisa, Barawe, Lower Shabelle, Middle Shabelle, Jubaland, Gedo
Spain ; ; Malaga, Bilbao, Zaragoza, Granada, Cordoba, Alicante, Murcia, Tarragona, Girona, Andalusia, Canary Islands, Balearic Islands
Sri Lanka ; ; Kandy, Jaffna, Trincomalee
Sweden ; ; Uppsala, Orebro, Rinkeby
Switzerland ; ; Lugano, Winterthur, Lucerne
Syria ; ; Tabqa, Qamishli, Jarablus, Azaz, Afrin, Tartus, Douma, Yarmouk, Qusayr, Abu Kamal, Albukamal, Mayadin, Tal Abyad, Ras al-Ain, Kobani, Ain Issa, Rojava, Quneitra, Suwayda, Sweida, Eastern Ghouta
Togo ; Togolese ; Lome
Tunisia ; ; Sfax, Gafsa, Kasserine, Monastir, Djerba, Mount Chaambi, Bardo
Turkey ; ; Bursa, Adana, Konya, Mardin, Sirnak, Hakkari, Mersin, Kayseri, Trabzon, Hatay, Kahramanmaras, Cizre, Nusaybin, Taksim, Sultanahmet, Ataturk Airport
Uganda ; ; Entebbe, Gulu
Ukraine ; ; Lviv, Dnipro, Zaporizhzhia, Mariupol, Luhansk, Donbas
United Kingdom ; ; Nottingham, Southampton, Plymouth, Coventry, High Wycombe, Aylesbury, Wolverhampton, Bolton, Blackburn, Oldham, Stoke-on-Trent, Hull, Brighton, Swansea, Aberdeen, Dundee, Londonderry, Derry, Huddersfield, Stockport, Slough, Ilford, Walthamstow, Tower Hamlets, Whitechapel, Parsons Green, London Bridge, Borough Market, Manchester Arena, Streatham, Parliament Square, Tottenham, Hackney, Lambeth, Southwark, Camden, Leytonstone, Lewisham, Greenwich, East London, West Midlands, Greater Manchester, Yorkshire, Lancashire, Essex, Surrey, Sussex, Cornwall, Midlands
United States ; ; Las Vegas, Phoenix, San Diego, San Antonio, Austin, Nashville, Memphis, Pittsburgh, Cleveland, Columbus, Cincinnati, Milwaukee, Kansas City, St. Louis, Baltimore, Charlotte, Portland, Sacramento, Salt Lake City, New Orleans, Oklahoma City, Tulsa, Pensacola, Charleston, El Paso, Parkland, Sandy Hook, Newtown, Aurora, Charlottesville, Fort Lauderdale, Little Rock, Jacksonville, Tampa, Ground Zero, World Trade Center, Arizona, North Carolina, South Carolina, Tennessee, Kentucky, Indiana, Illinois, Wisconsin, Iowa, Missouri, Kansas, Nebraska, Oklahoma, Louisiana, Mississippi, Alabama, Arkansas, Nevada, Utah, Idaho, Montana, Wyoming, North Dakota, South Dakota, New Mexico, Oregon, Washington State, Alaska, Hawaii, Connecticut, Rhode Island, Vermont, New Hampshire, Maine, Delaware, West Virginia
Uruguay ; Uruguayan ; Montevideo
Yemen ; ; Ibb, Dhamar, Saada, Lahj, Bayda, Al Bayda, Socotra, Zinjibar, Jaar
Zambia ; Zambian ; Lusaka
`
