"""Multilingual concept vocabulary for matching needs and offers.

Each line of :data:`_VOCAB` is ``concept_id|category|English label|terms``.
Terms are separated by ``;`` and may be written in any of ar, en, es, fr, ru,
zh and pt.  They are matched on normalised text (see
:func:`clearinghouse.matchmaking.engine.text.normalise`):

* Latin and Cyrillic terms match at the start of a word and may run on
  (``wetland`` also finds ``wetlands``); a trailing ``=`` asks for the whole
  word (``bat=`` does not find ``battery``).
* Arabic and Chinese terms match anywhere (Arabic attaches articles and
  prepositions to the word; Chinese has no spaces).

Categories: ``support`` (kinds of cooperation), ``ecosystem``, ``taxon``
(species groups) and ``topic`` (purposes and policy themes).  Concepts of the
same ``family`` (see :data:`FAMILIES`) are related: a need about one and an
offer about the other is a partial match, not a mismatch.
"""

from __future__ import annotations

from dataclasses import dataclass

_VOCAB = r"""
technical_assistance|support|technical assistance|expertise;expert advice;technical advice;technical assistance;technical support;advice;advise;advisory;consultan;guidance;know-how;help to plan;assistance technique;expertise technique;conseil;accompagn;appui technique;asesor;asistencia tecnica;apoyo tecnico;experiencia;acompan;assessoria;assistencia tecnica;apoio tecnico;acompanh;консультац;эксперт;эксперти;эксперта;техническ помощ;методическ;خبرة;خبرات;مشورة;استشار;مساعدة فنية;دعم فني;الدعم الفني;技术指导;技术支持;技术援助;专家支持;咨询;专家
training|support|training|training;train;trainer;course;workshop;capacity building;capacity-building;field school;webinar;curricul;teach;formation;former les;former des;formons;forme des;atelier;renforcement des capacites;capacitacion;capacitar;capacitamos;formacion;formamos;curso;taller;entrenamiento;formacao;formar;formamos;capacitacao;oficina;обучен;обучаем;тренинг;курс;семинар;подготовк кадров;повышени квалификац;تدريب;دورات;دورة تدريبية;ورش;ورشة;بناء القدرات;تأهيل;培训;培养;讲习班;能力建设;课程
expert_exchange|support|expert exchange|exchange visit;exchange of experts;expert exchange;peer exchange;exchange with;exchanges between;secondment;intercambio;intercambios;echange;echanges;intercambio de experiencias;intercambio de expertos;обмен опытом;обмен специалист;تبادل الخبرات;تبادل خبرات;交流;互访
study_visit|support|study visit|study visit;study tour;host study visits;visite d'etude;voyage d'etude;visita de estudio;visitas de estudio;visita tecnica;visitas de intercambio;ознакомительн поезд;учебн визит;زيارة دراسية;زيارات ميدانية;考察;参观学习
joint_research|support|joint research|research partner;joint research;joint project;co-author;collaborative research;joint experiment;recherche conjointe;projets conjoints;partenaires de recherche;co-publication;investigacion conjunta;socio de investigacion;pesquisa conjunta;совместн исследован;научн партнер;بحث مشترك;أبحاث مشتركة;شريك بحث;联合研究;合作研究;科研合作
technology_transfer|support|technology transfer|technology;technolog;software;platform;app=;mobile app;tool;system;technologie;logiciel;plateforme;outil;tecnologia;software;plataforma;herramienta;sistema;tecnologia;ferramenta;sistema;технолог;программн;платформ;систем;инструмент;تكنولوجيا;تقنية;تقنيات;برمجيات;منصة;تطبيق;技术;软件;平台;系统;工具
data|support|data and information|data=;dataset;database;data layer;map=;maps=;mapping;information system;donnees;base de donnees;cartes;cartographie;datos;base de datos;mapas;cartografia;dados;base de dados;mapas;данн;база данных;карта=;карты=;карту=;картографир;بيانات;قاعدة بيانات;خرائط;数据;数据库;地图;信息
finance|support|finance|funding;fund=;funds=;grant;grants;finance;financing;money;bursar;fellowship;subsid;payment;sponsor;financement;subvention;fonds;financ;bourse;financiacion;financiamiento;subvencion;fondos;donacion;beca;financiamento;subsidio;doacao;bolsa;recursos financeiros;финансирован;грант;субсид;стипенди;تمويل;منح;منحة;منحا;دعم مالي;أموال;资金;资助;赠款;拨款;经费;奖学金
equipment|support|equipment|equipment;equip;device;detector;kit=;kits=;instrument;materials;recorder;supplies;donate;equipement;materiel;kit de;appareil;equipo;equipos;dispositivo;material;equipamento;material;aparelho;оборудован;прибор;детектор;снаряжен;معدات;أجهزة;جهاز;مستلزمات;设备;仪器;器材;装备
policy_advice|support|policy advice|policy;legislation;law=;laws=;legal;regulat;framework law;bylaw;policies;politique;legislat;juridique;reglement;loi=;lois=;juristes;politica;legislacion;ley=;leyes;juridic;normativ;reglament;politica;legislacao;lei=;leis;juridic;политик;законодательств;закон;нормативн;правов;سياسة;سياسات;تشريع;قانون;قانوني;لوائح;政策;法律;立法;法规;条例
marine|ecosystem|marine and coastal|marine;sea=;seas=;ocean;coast;offshore;reef;seabed;estuar;lagoon;beach;shore;port=;ports=;marin;mer=;cotier;littoral;ocean;plage;lagune;marino;costa;coster;oceano;playa;laguna;mar=;marinh;costeir;praia;oceano;морск;побереж;океан;пляж;بحر;بحري;البحرية;ساحل;سواحل;الشاطئ;شواطئ;海洋;海岸;近海;滨海;沿海;海域;海
freshwater|ecosystem|freshwater (rivers, lakes)|river;lake;freshwater;fresh water;stream;reservoir;watershed;catchment;wetland;riviere;lac=;lacs;eau douce;fleuve;bassin versant;zones humides;rio=;rios;lago=;lagos=;agua dulce;cuenca;humedal;rio=;lago;agua doce;bacia;nascente;рек;озер;пресноводн;водоем;водосбор;نهر;أنهار;بحيرة;بحيرات;المياه العذبة;مياه عذبة;河流;湖泊;湖;淡水;流域;水系;河
wetland|ecosystem|wetlands|wetland;marsh;swamp;fen=;fens=;bog=;mire;ramsar;zone humide;zones humides;marais;tourbiere;humedal;pantano;cienaga;bofedal;zona umida;zonas umidas;brejo;pantanal;водно-болот;болот;торфяник;أهوار;الأهوار;أراضي رطبة;الأراضي الرطبة;مستنقع;湿地;沼泽
peatland|ecosystem|peatlands|peat;tourbe;tourbier;turbera;turfeira;торф;الخث;泥炭
mangrove|ecosystem|mangroves|mangrove;paletuvier;manglar;mangue;manguez;мангр;المانغروف;القرم;الشورى;红树林
seagrass|ecosystem|seagrass meadows|seagrass;posidonia;zostera;herbier;pastos marinos;praderas marinas;pradera marina;ervas marinhas;pradaria marinha;морск трав;الأعشاب البحرية;海草
kelp|ecosystem|kelp and macroalgae|kelp;macroalga;seaweed;algues brunes;laminaire;macroalgas;algas pardas;bosques de algas;bosque de algas;algas marinhas;ламинари;водоросл;الطحالب البحرية;海藻;巨藻;海带
coral_reef|ecosystem|coral reefs|coral;reef;recif;coraux;corail;arrecife;coral;recife;коралл;риф;الشعاب;المرجان;مرجاني;珊瑚
forest|ecosystem|forests|forest;woodland;timber;logging;tree=;trees=;foret;forestier;bois=;arbre;bosque;forestal;selva;madera;arbol;floresta;florestal;madeira;arvore;mata=;лес;древесин;дерев;غابة;غابات;الغابات;أشجار;الأشجار;森林;林业;林;木材;树
dryland|ecosystem|drylands, grasslands and steppe|dryland;arid;semi-arid;desert;rangeland;grassland;steppe;savanna;pasture;dune;sahel;aride;desert;steppe;paturage;savane;parcours;arido;zonas aridas;desierto;estepa;pastizal;sabana;matorral;semiarid;arido;caatinga;cerrado;pastagem;deserto;степ;засушлив;пустын;пастбищ;луг;جاف;الجافة;صحراء;التصحر;مراعي;المراعي;الكثبان;سهوب;草原;荒漠;沙漠;干旱;牧场
mountain|ecosystem|mountains|mountain;alpine;highland;glacier;montagne;alpin;montana;paramo;altiplano;andin;montanha;гор=;горн;высокогор;جبال;جبلي;山地;高山;高原
island|ecosystem|islands|island;islet;atoll;archipelago;ile=;iles;ilot;insular;isla;islote;insular;ilha;ilheu;остров;جزيرة;جزر;الجزر;岛;群岛;海岛
agricultural|ecosystem|farmland and agriculture|farm;agricultur;crop;cropland;rice;smallholder;agroforest;field school;farmer;agricole;agricult;champs=;champ=;paysan;agricola;agricultor;cultivo;campesin;productores;agricola;lavoura;agricultor;camponese;machamba;roca=;сельскохоз;сельхоз;пашн;агро;фермер;زراع;المزارعين;مزارع;الأراضي الزراعية;农业;农田;农民;稻田;耕地;作物
urban|ecosystem|cities and urban areas|urban;city;cities;municipal;town=;park=;parks=;green space;rooftop;urbain;ville;municipal;espaces verts;urbano;ciudad;municipal;espacios verdes;urbano;cidade;municipal;городск;город;муниципал;حضري;المدن;مدينة;البلدية;城市;市区;绿地;公园
cave|ecosystem|caves and karst|cave;karst;grotte;cueva;caverna;gruta;пещер;карст;كهف;كهوف;洞穴;溶洞
birds|taxon|birds|bird;avian;seabird;waterbird;waterfowl;songbird;raptor;vulture;oiseau;avifaune;rapace;vautour;ave=;aves=;avifauna;rapaz;buitre;pajaro;ave=;aves=;passaro;abutre;птиц;водоплавающ;орнитолог;хищн птиц;гриф;طيور;الطيور;طائر;النسور;鸟;禽;雀
bats|taxon|bats|bat=;bats=;chiroptera;chauve-souris;chauves-souris;chiropter;murcielago;morcego;летуч мыш;рукокрыл;خفاش;الخفافيش;蝙蝠
amphibians|taxon|amphibians|amphibian;frog;toad;salamander;chytrid;amphibien;grenouille;crapaud;anfibio;rana=;ranas;sapo;anfibio;sapo;ra=;земноводн;амфиби;лягуш;برمائي;ضفادع;ضفدع;两栖;蛙;蝾螈
reptiles|taxon|reptiles|reptile;lizard;crocodil;alligator;snake;reptil;lezard;serpent;lagarto;serpiente;cocodril;jacare;рептил;ящериц;крокодил;زواحف;تمساح;爬行;鳄;蜥蜴;蛇
turtles|taxon|turtles and tortoises|turtle;tortoise;tortue;tortuga;tartaruga;черепах;سلاحف;السلاحف;龟
fish|taxon|fish|fish=;fishes;fishery;fisheries;fisher;fishing;pelagic;demersal;poisson;peche;pecheur;halieut;pez=;peces;pesca;pescador;pesquer;peixe;pesca;pescador;рыб;промысл;أسماك;السمك;صيد;الصيادين;鱼;渔业;渔民
sharks_rays|taxon|sharks and rays|shark;ray=;rays=;requin;raie;tiburon;raya=;rayas;tubarao;raia=;акул;скат;قرش;أسماك القرش;الراي;鲨;鳐
marine_mammals|taxon|marine mammals|whale;dolphin;dugong;manatee;seal=;seals=;baleine;dauphin;ballena;delfin;manati;baleia;golfinho;peixe-boi;кит=;дельфин;ластоног;حيتان;دلافين;الأطوم;鲸;海豚;儒艮
mammals_large|taxon|large mammals|mammal;elephant;rhino;lion;leopard;tiger;ungulate;ape=;apes=;gorilla;chimpanzee;deer;moose;bear=;bears=;carnivore;antelope;saiga;pangolin;mammifere;elephant;felin;singe;grands singes;mamifero;elefante;felino;jaguar;mono=;mamifero;elefante;onca;млекопитающ;слон;носорог;копытн;лось;медвед;тигр;леопард;барс;сайгак;ثدييات;الفيلة;فيلة;الأفيال;وحيد القرن;兽类;哺乳;大象;犀牛;老虎;雪豹;有蹄类;熊猫;穿山甲
rodents|taxon|rats and other rodents|rat=;rats=;rodent;mice;mouse;rongeur;souris;roedor;rata=;ratas;raton;ratones;rato=;ratos;roedor;крыс;грызун;الفئران;جرذ;القوارض;鼠
insects|taxon|insects|insect;beetle;butterfl;moth;ant=;ants=;fourmi;insecte;papillon;insecto;hormiga;mariposa;inseto;formiga;borboleta;насеком;муравь;бабоч;жук;حشرات;النمل;فراشات;昆虫;蚂蚁;蝴蝶
pollinators|taxon|pollinators (bees and others)|pollinat;bee=;bees=;bumblebee;hoverfl;pollinisat;abeille;polinizad;abeja;sirfid;polinizador;abelha;опылител;пчел;шмел;ملقحات;النحل;نحل;传粉;蜜蜂
invertebrates_soil|taxon|soil organisms|earthworm;soil fauna;springtail;mite;nematode;soil organism;soil invertebrate;ver de terre;vers de terre;faune du sol;collembole;lombriz;fauna del suelo;minhoca;fauna do solo;почвенн беспозвоночн;почвенн биот;дождев черв;почвенн фаун;ديدان الأرض;كائنات التربة;土壤动物;蚯蚓
plants|taxon|plants|plant;flora;seed;seedling;grass;botanic;herbarium;herbaceous;shrub;plante;graine;semence;flore;planta;semilla;flora;pasto;planta;semente;muda;растен;семен;флор;трав;злак;نبات;النباتات;بذور;البذور;شتلات;植物;种子;草种;苗
fungi|taxon|fungi|fungus;fungi;fungal;mushroom;champignon;hongo;fungico;fungo;гриб;فطر;فطري;真菌;蘑菇
crops_livestock|taxon|crops, livestock and their wild relatives|crop wild relative;livestock;cattle;goat;sheep;breed=;breeds=;cultivar;landrace;betail;chevre;mouton;race locale;races locales;ganado;cabra;oveja;raza;criollo;criollas;gado;cabra;ovelha;raca;crioul;скот;коз;овц;пород;сородич культурн;родич культурн;الماشية;الأغنام;الماعز;سلالات;家畜;牲畜;品种;作物野生近缘
trees_timber|taxon|tree and timber species|timber;mahogany;cedar;hardwood;wood species;bois tropicaux;essences;caoba;cedro;especies de madera;madeireir;especies madeireiras;древесн пород;لأخشاب;الأخشاب;木材树种;红木
invasive_species|topic|invasive alien species|invasive;alien species;non-native;pest=;pests=;weed;eradicat;biocontrol;biological control;envahissant;exotique;eradication;lutte biologique;invasor;invasora;exotica;erradica;control biologico;invasor;exotic;erradica;controle biologico;инвазивн;чужеродн;вселен;искоренен;غازية;الغازية;الدخيلة;غريبة;استئصال;入侵;外来物种;根除;生物防治
eradication|topic|eradication on islands|eradicat;rodent removal;removal operation;bait;eradication;appat;erradicacion;cebo;erradicacao;isca;искоренен;уничтожен;استئصال;القضاء على;الطعوم;根除;毒饵
biosecurity|topic|biosecurity and pathways|biosecurity;quarantine;ballast;pathway;incursion;hull fouling;biosecurite;quarantaine;eaux de ballast;bioseguridad;cuarentena;agua de lastre;biosseguranca;quarentena;agua de lastro;карантин;балласт;الحجر الصحي;مياه الصابورة;检疫;压载水
restoration|topic|ecosystem restoration|restor;rehabilitat;replant;rewet;renatural;revegetat;reforest;regenerat;recovery of;restauration;restaurer;rehabilitation;renaturation;regeneration;reboisement;restauracion;restaurar;rehabilitacion;recuperar;recuperacion;repoblacion;reforestacion;restauracao;restaurar;recuperacao;recuperar;reflorestamento;восстановлен;рекультивац;реабилитац;обводнен;заболачиван;лесовосстановлен;استعادة;إعادة تأهيل;إصلاح;استزراع;إعادة زراعة;恢复;修复;复原;再造林
tree_planting|topic|tree planting campaigns|tree planting;planting campaign;seedlings;nurser;plantation;campagnes de plantation;pepiniere;plantacion;vivero;plantio;viveiro;мудас;посадк;питомник;حملات التشجير;التشجير;المشاتل;植树;苗圃
protected_areas|topic|protected areas|protected area;national park;nature reserve;reserve=;reserves=;conservanc;aire protegee;aires protegees;parc national;reserve naturelle;area protegida;areas protegidas;parque nacional;reserva;area protegida;areas protegidas;unidade de conservacao;parque nacional;reserva;оопт;охраняем природн;заповедник;национальн парк;заказник;المحميات;محمية;المناطق المحمية;حديقة وطنية;保护区;自然保护区;国家公园
oecm|topic|OECMs and community-conserved areas|oecm;other effective area-based;ancestral domain;sacred site;sacred forest;community conserved;icca;amce;autres mesures de conservation;sites sacres;territoire autochtone;omec;otras medidas eficaces;territorio indigena;sitio sagrado;оэмсо;другие эффективные меры;المناطق المحفوظة;其他有效的区域保护措施
protected_area_management|topic|protected area management effectiveness|management effectiveness;mett=;pame;management plan;effectiveness;efficacite de gestion;plan de gestion;efectividad de manejo;plan de manejo;efetividade de gestao;plano de manejo;эффективност управлен;план управлен;فعالية الإدارة;خطة إدارة;管理有效性;管理计划
spatial_planning|topic|spatial and land-use planning|spatial plan;land-use plan;land use plan;zoning;marine spatial;systematic conservation planning;amenagement du territoire;planification spatiale;planification;zonage;ordenamiento territorial;planificacion espacial;planificacion;zonificacion;ordenamento;planejamento;zoneamento;территориальн планирован;пространственн планирован;зонирован;التخطيط المكاني;تخطيط استخدام الأراضي;التخطيط;国土空间规划;空间规划;规划;区划
connectivity|topic|ecological connectivity and corridors|corridor;connectivity;fragmentation;wildlife crossing;overpass;underpass;fish pass;barrier;weir;corridor;continuite ecologique;connectivite;passe a poissons;corredor;conectividad;paso de fauna;corredor;conectividade;passagens de fauna;passagem de fauna;коридор;экодук;связност;фрагментац;переход для животных;الممرات;الترابط;ممرات الحياة البرية;廊道;连通;生态廊道
species_conservation|topic|threatened species recovery|threatened species;endangered;critically endangered;extinction;red list;captive breeding;reintroduc;recovery plan;head-start;menace;especes menacees;liste rouge;reintroduction;amenazad;en peligro;lista roja;reintroduccion;ameacad;em perigo;lista vermelha;редк вид;исчезающ;красн книг;красн список;реинтродукц;المهددة بالانقراض;الانقراض;القائمة الحمراء;濒危;灭绝;红色名录;野化放归;人工繁育
genetic_diversity|topic|genetic diversity and gene banks|genetic diversity;gene bank;genebank;seed bank;seed bank;germplasm;cryopreserv;cryobank;semen;embryo;banque de genes;banque de semences;cryoconserv;germoplasma;banco de germoplasma;banco de semillas;criopreserv;banco de sementes;генбанк;генетическ разнообраз;криоконсерв;банк семян;зародышев плазм;بنك البذور;بنوك الجينات;التنوع الوراثي;基因库;种质;种子库
wildlife_trade|topic|wildlife trade and trafficking|wildlife trade;trafficking;poaching;seized;seizure;cites;illegal trade;ivory;commerce illegal;braconnage;saisie;trafic;trafico;caza furtiva;decomis;comercio ilegal;trafico;cacadores;apreensao;comercio ilegal;браконьер;контрабанд;незаконн торгов;изъят;сайтес;الاتجار;الصيد الجائر;المضبوطات;سايتس;走私;盗猎;偷猎;非法贸易;野生动植物贸易
forensics|topic|forensic species identification|forensic;species identification;identify species;identification;dna barcod;wood anatomy;xylarium;forensique;identification des especes;identification;forense;identificacion;anatomia de la madera;identificacao;anatomia da madeira;xiloteca;криминалист;идентификац;определен вид;الطب الشرعي;تحديد الأنواع;鉴定;法医
illegal_logging|topic|illegal logging|illegal logging;timber tracking;exploitation illegale;coupe illegale;tala ilegal;extraccion ilegal;exploracao ilegal;desmatamento ilegal;незаконн рубк;قطع الأشجار غير القانوني;非法采伐
monitoring|topic|biodiversity monitoring and surveys|monitor;survey;census;count=;counts=;counting;inventory;occupancy;tracking;surveillance;suivi;inventaire;denombrement;comptage;recensement;monitoreo;seguimiento;inventario;censo;conteo;monitoriz;monitoramento;levantamento;contagem;мониторинг;учет;учёт;инвентаризац;наблюден;перепис;رصد;مراقبة;تعداد;مسح;جرد;监测;调查;普查;清查
acoustic_monitoring|topic|acoustic monitoring|acoustic;ultrason;echolocation;recorder;sound;call identification;acoustique;enregistreur;ultrasons;acustic;grabadora;ultrasonido;acustic;gravador;акустическ;ультразвук;эхолокац;записывающ;صوتي;الموجات فوق الصوتية;声学;超声;录音
camera_traps|topic|camera traps|camera trap;camera-trap;piege photo;pieges photographiques;camara trampa;camaras trampa;armadilha fotografica;фотоловуш;كاميرات;الفخاخ الكاميرا;红外相机;相机陷阱
edna|topic|environmental DNA and genetics|edna;environmental dna;metabarcod;qpcr;pcr=;dna=;genetic;sequenc;adn environnemental;adn=;genetique;adn ambiental;adn=;genetic;dna ambiental;dna=;genetic;днк;пцр;генетическ;الحمض النووي;الوراثي;环境dna;dna;基因;pcr
remote_sensing|topic|remote sensing and satellite monitoring|satellite;remote sensing;drone;aerial;imagery;vessel tracking;teledetection;satellitaire;imagerie;satelital;teledeteccion;imagenes;satelite;sensoriamento;imagens;спутник;дистанционн зондирован;беспилотник;авиа;аэрофот;الأقمار الصناعية;الاستشعار عن بعد;صور;卫星;遥感;无人机;航拍
citizen_science|topic|citizen science and public engagement|citizen science;bioblitz;volunteer;observation app;public participation;science participative;sciences participatives;benevole;ciencia ciudadana;voluntari;ciencia cidada;voluntari;гражданск наук;волонтер;العلوم التشاركية;العلم التشاركي;المتطوعين;公民科学;志愿者
data_publication|topic|biodiversity data mobilisation|gbif;darwin core;digitis;digitiz;occurrence data;data portal;open data;specimen;collection;publication des donnees;numeris;publicacion de datos;digitaliz;colecciones;publicacao de dados;digitaliz;colecoes;оцифров;коллекц;открыт доступ;رقمنة;المجموعات;نشر البيانات;数字化;标本;数据共享
reporting_indicators|topic|national reporting and indicators|national report;indicator;headline indicator;monitoring framework;nbsap;reporting;rapport national;indicateur;spanb;informe nacional;indicador;estrategia nacional;relatorio nacional;indicador;национальн доклад;индикатор;показател;التقرير الوطني;المؤشرات;مؤشرات;الاستراتيجية الوطنية;国家报告;指标;国家战略
pollution_plastic|topic|plastic and marine litter|plastic;litter;microplastic;waste;debris;plastique;dechets;microplastique;plastico;basura;residuos;microplastic;plastico;lixo;residuos;пластик;мусор;отход;البلاستيك;النفايات;القمامة;塑料;垃圾;废弃物
pollution_nutrients|topic|nutrient pollution and eutrophication|nutrient;fertili;eutroph;algal bloom;runoff;nitrogen;phosphor;cyanobacter;water quality;nutriment;engrais;eutrophisation;nutriente;fertilizant;eutrofiz;escorrentia;floracion;nutriente;fertilizante;eutrofiz;эвтрофикац;биоген;удобрен;цветени воды;качеств воды;المغذيات;الأسمدة;التخثث;الطحالب;富营养化;氮磷;化肥;蓝藻;面源污染;水质
pesticides|topic|pesticides and pest management|pesticide;integrated pest management;ipm=;agrochemical;herbicide;pesticide;lutte integree;plaguicida;pesticida;manejo integrado de plagas;agroquimic;pesticida;agrotoxic;manejo integrado;пестицид;гербицид;ядохимикат;المبيدات;مبيدات;农药;除草剂;病虫害综合防治
poisoning|topic|wildlife poisoning|poison;empoisonnement;poison;appats empoisonnes;veneno;envenenamiento;antiveneno;envenenamento;отравлен;яд=;التسمم;السموم;中毒;投毒
disease|topic|wildlife and plant disease|disease;pathogen;chytrid;syndrome;zoono;one health;mortality;diagnos;maladie;pathogene;zoonose;mortalite;enfermedad;patogeno;zoono;quitridiomicosis;mortalidad;doenca;patogeno;zoono;болезн;заболеван;патоген;эпизоот;зооноз;الأمراض;مرض;الأوبئة;疾病;病原;疫病
climate_mitigation|topic|climate mitigation and carbon|carbon;emission;greenhouse gas;redd;mrv=;sequestration;blue carbon;carbone;emissions;gaz a effet de serre;carbono;emisiones;gases de efecto invernadero;carbono;emissoes;gases de efeito estufa;углерод;выброс;парников газ;الكربون;الانبعاثات;غازات الدفيئة;碳;排放;温室气体;碳汇;蓝碳
climate_adaptation|topic|climate adaptation and disaster risk|adaptation;ecosystem-based adaptation;hurricane;storm;sea-level;sea level;flood;erosion;disaster risk;climate risk;resilien;ouragan;elevation du niveau de la mer;inondation;erosion;risques;adaptacion;huracan;nivel del mar;inundacion;erosion;riesgo;adaptacao;furacao;nivel do mar;inundac;erosao;адаптац;наводнен;эрози;ураган;التكيف;الأعاصير;الفيضانات;التعرية;适应;洪水;台风;海平面;防灾
fire|topic|fire management|fire=;fires=;wildfire;burning;feu=;feux;incendie;fuego;incendio;quema;fogo;incendio;queimada;пожар;гари=;гарь;الحرائق;حريق;火灾;防火
sustainable_fisheries|topic|sustainable fisheries management|fisheries management;stock assessment;catch limit;co-management;bycatch;no-take;small-scale fisher;artisanal fish;gestion des peches;cogestion;peche artisanale;repos biologique;manejo pesquero;comanejo;pesca artesanal;veda;gestao pesqueira;cogestao;pesca artesanal;управлен рыболовств;промысел;الإدارة التشاركية;مصايد;المصايد;الصيادين التقليديين;渔业管理;捕捞
aquaculture|topic|aquaculture|aquaculture;fish farm;shrimp farm;fish pond;mariculture;aquaculture;pisciculture;acuicultura;piscicultura;aquicultura;piscicultura;аквакультур;рыбоводств;الاستزراع السمكي;تربية الأحياء المائية;水产养殖;养鱼
sustainable_agriculture|topic|sustainable agriculture and agroecology|agroecolog;agroforest;organic farming;crop diversif;soil fertility;conservation agriculture;regenerative;agroecolog;agroforest;fertilite des sols;agroecolog;agroforest;diversificacion de cultivos;agroecolog;agrofloresta;diversificacao;агроэколог;агролесомелиорац;органическ земледел;الزراعة الإيكولوجية;الحراجة الزراعية;生态农业;农林复合;稻鱼共生
sustainable_forestry|topic|sustainable forest management|forest management;community forest;certified;certification;sustainable timber;reduced impact logging;fsc=;gestion forestiere;foret communautaire;manejo forestal;bosque comunitario;certificacion;manejo florestal;floresta comunitaria;certificacao;устойчив лесопользован;лесоуправлен;сертификац;الإدارة المستدامة للغابات;الغابات المجتمعية;可持续森林经营;森林认证;社区林业
livelihoods|topic|livelihoods and income|livelihood;income;market;enterprise;value chain;revenu;moyens d'existence;marche;ingresos;medios de vida;mercado;empresa;renda;meios de vida;mercado;доход;средств к существован;рынок;سبل العيش;الدخل;الأسواق;生计;收入;市场
human_wildlife_conflict|topic|human-wildlife conflict|human-wildlife conflict;crop-raiding;crop raiding;raiding;retaliatory;livestock loss;predator-proof;deterrent;deter=;deters=;conflit homme-faune;conflicto humano-fauna;depredacion;conflito;конфликт человек;الصراع بين الإنسان والحياة البرية;人兽冲突;肇事
urban_nature|topic|urban nature and green infrastructure|green infrastructure;green space;green corridor;urban biodiversity;rooftop;city biodiversity index;nature-based solution;solutions fondees sur la nature;infrastructure verte;espaces verts;soluciones basadas en la naturaleza;infraestructura verde;espacios verdes;solucoes baseadas na natureza;infraestrutura verde;зелен инфраструктур;зелен зон;الحلول القائمة على الطبيعة;المساحات الخضراء;绿色基础设施;城市生物多样性;绿道;基于自然的解决方案
ecosystem_services|topic|valuing ecosystem services|ecosystem service;natural capital;valuation;value=;valuing;accounting;services ecosystemiques;capital naturel;evaluation economique;servicios ecosistemicos;servicios ambientales;capital natural;valoracion;servicos ecossistemicos;servicos ambientais;valoracao;экосистемн услуг;природн капитал;стоимостн оценк;خدمات النظم الإيكولوجية;رأس المال الطبيعي;生态系统服务;生态产品价值;gep;自然资本
payments_es|topic|payments for ecosystem services|payment for ecosystem services;payments for ecosystem services;pes=;water fund;water tariff;paiement pour services;pago por servicios;fondo de agua;pagamento por servicos;плат за экосистемн услуг;الدفع مقابل خدمات;生态补偿
biodiversity_finance|topic|biodiversity finance and resource mobilisation|finance plan;financing gap;resource mobilisation;resource mobilization;blended finance;green tax;expenditure review;biofin;plan de financement;mobilisation des ressources;plan de financiamiento;brecha de financiamiento;movilizacion de recursos;plano de financiamento;mobilizacao de recursos;финансов план;мобилизац ресурс;الفجوة التمويلية;خطة تمويل;تعبئة الموارد;资金缺口;资源调动
harmful_subsidies|topic|harmful subsidies and incentives|subsid;harmful incentive;perverse incentive;incentive reform;subvention;incitations nefastes;subsidio;incentivos perversos;subsidio;incentivos perversos;субсид;الإعانات;الحوافز الضارة;补贴
business_disclosure|topic|business impacts and disclosure|disclos;tnfd;listed compan;financial supervisor;banks=;banking;investor;nature-related risk;corporate;publication d'informations;divulgation;entreprises cotees;divulgacion;divulgacao;раскрыти информац;компани;الإفصاح;البنوك;الشركات;信息披露;金融机构;银行;上市公司;企业
sustainable_consumption|topic|sustainable consumption and procurement|sustainable consumption;procurement;ecolabel;consumer;green purchasing;consommation durable;achats publics;ecolabel;consumo sostenible;compras publicas;ecoetiqueta;consumo sustentavel;compras publicas;rotulagem;устойчив потреблен;закупк;экомаркировк;الاستهلاك المستدام;المشتريات;العلامات البيئية;المستهلكين;可持续消费;绿色采购;生态标签
tourism|topic|sustainable tourism|tourism;ecotourism;tour operator;visitor;tourisme;ecotourisme;turismo;ecoturismo;turismo;ecoturismo;туризм;экотуризм;السياحة;السياحة البيئية;旅游;生态旅游
abs|topic|access and benefit-sharing (genetic resources)|access and benefit;benefit-sharing;benefit sharing;nagoya;genetic resources;prior informed consent;mutually agreed terms;acces et partage;partage des avantages;ressources genetiques;acceso y participacion;participacion en los beneficios;recursos geneticos;reparticao de beneficios;recursos geneticos;доступ и совместн;генетическ ресурс;нагойск;الحصول على الموارد الجينية;تقاسم المنافع;الموارد الجينية;ناغويا;遗传资源;惠益分享;名古屋
traditional_knowledge|topic|traditional knowledge and indigenous peoples|traditional knowledge;indigenous;local communit;fpic;free, prior and informed;biocultural;customary;ancestral;savoirs traditionnels;autochtone;communautes locales;consentement prealable;conocimientos tradicionales;indigena;pueblos indigenas;consentimiento previo;conhecimentos tradicionais;indigena;povos indigenas;consentimento previo;традиционн знан;коренн народ;местн сообществ;المعارف التقليدية;الشعوب الأصلية;المجتمعات المحلية;传统知识;原住民;土著;当地社区
beekeeping|topic|beekeeping and honey|beekeep;apicult;honey;hive;ruche;miel=;apicultura;colmena;mel=;colmeia;apicultura;пчеловод;мед=;ульи;تربية النحل;العسل;خلايا النحل;养蜂;蜂蜜;蜂箱
bioprospecting|topic|bioprospecting and drug discovery|bioprospect;drug discovery;screening;natural products;bioprospection;bioprospeccion;bioprospeccao;биопоиск;التنقيب البيولوجي;生物勘探;药物研发
medicinal_plants|topic|medicinal plants|medicinal plant;herbal;traditional medicine;plantes medicinales;medecine traditionnelle;plantas medicinales;medicina tradicional;plantas medicinais;лекарствен растен;النباتات الطبية;الطب التقليدي;药用植物;中药;传统医药
biosafety|topic|biosafety and living modified organisms|biosafety;gmo;genetically modified;living modified;cartagena;transgenic;biosecurite;ogm=;genetiquement modifie;bioseguridad;ogm=;transgenic;modificados geneticamente;biosseguranca;transgenic;биобезопасност;гмо;генетически модифицир;живых измененных;картахенск;السلامة الأحيائية;المعدلة وراثيا;كائنات حية محورة;生物安全;转基因
gender|topic|gender equality|gender;women;woman;female;genre;femmes;genero;mujeres;genero;mulheres;гендер;женщин;النوع الاجتماعي;المرأة;النساء;性别;妇女;女性
youth_education|topic|education, awareness and youth|education;school;teacher;curricul;awareness;youth;student;education;ecole;enseignant;sensibilisation;jeunes;educacion;escuela;docente;sensibilizacion;jovenes;educacao;escola;professor;sensibilizacao;jovens;образован;школ;учител;просвещен;молодеж;التعليم;المدارس;المعلمين;التوعية;الشباب;教育;学校;教师;宣传;青年
enforcement|topic|law enforcement and patrols|enforcement;patrol;ranger;anti-poaching;inspector;customs;illegal fishing;prosecut;patrouille;ecogarde;gardes=;garde-chasse;douane;peche illicite;patrulla;guardaparque;guardabosque;aduana;pesca ilegal;patrulh;guarda;fiscais=;fiscalizacao;alfandega;pesca ilegal;патрул;инспектор;егер;таможн;рейнджер;الدوريات;حراس;الجمارك;الصيد غير القانوني;巡护;执法;海关;非法捕捞
hydropower_infrastructure|topic|infrastructure impacts (dams, mining, roads)|hydropower;dam=;dams=;mining;road=;roads=;highway;infrastructure;impact assessment;barrage;mine=;mines=;etude d'impact;represa;mineria;carretera;evaluacion de impacto;barragem;mineracao;rodovia;estrada;avaliacao de impacto;гэс;плотин;горнодобыва;дорог;трасс;овос;السدود;التعدين;الطرق السريعة;تقييم الأثر;水电;大坝;采矿;公路;环境影响评价
soil|topic|soil health|soil;sol=;sols=;suelo;solo=;solos;почв;التربة;土壤
sustainable_use|topic|sustainable use of wild species|wild meat;bushmeat;hunting;harvest;non-timber forest product;ntfp;wild harvest;sustainable use;viande de brousse;chasse;cueillette;produits forestiers non ligneux;utilisation durable;carne de monte;caza;cosecha;productos forestales no maderables;uso sostenible;carne de caca;caca=;extrativismo;produtos florestais nao madeireiros;uso sustentavel;охот;заготовк;недревесн;устойчив использован;الصيد البري;لحوم الطرائد;المنتجات الحرجية غير الخشبية;الاستخدام المستدام;狩猎;野生动物利用;非木材林产品;可持续利用
ecosystem_accounting|topic|natural capital and ecosystem accounting|seea;ecosystem accounting;natural capital account;environmental-economic accounting;comptabilite des ecosystemes;contabilidad de los ecosistemas;cuentas ambientales;contabilidade ecossistemica;contas ambientais;экосистемн учет;эколого-экономическ учет;المحاسبة البيئية;生态系统核算;自然资源资产负债表
light_noise|topic|light and noise pollution|light pollution;artificial light;noise pollution;underwater noise;pollution lumineuse;bruit sous-marin;contaminacion luminica;ruido submarino;poluicao luminosa;ruido subaquatico;световое загрязнен;шумовое загрязнен;التلوث الضوئي;الضوضاء;光污染;噪声
molluscs|taxon|molluscs and shellfish|mollus;snail;mussel;oyster;clam;octopus;shellfish;coquillage;huitre;moule;escargot;molusco;ostra;mejillon;almeja;caracol;pulpo;marisco;ostra;mexilhao;caracol;polvo;моллюск;устриц;мидии;улитк;рапан;المحار;الرخويات;بلح البحر;القواقع;软体动物;牡蛎;贻贝;蜗牛
crustaceans|taxon|crabs, shrimps and other crustaceans|crab;shrimp;prawn;lobster;crustacean;crabe;crevette;homard;langouste;crustace;cangrejo;camaron;langosta;crustaceo;caranguejo;camarao;lagosta;crustaceo;краб;кревет;омар;ракообразн;السلطعون;الروبيان;القشريات;螃蟹;虾;甲壳
tropical|zone|tropical|tropic;tropical;rainforest;humid tropics;tropiques;foret tropicale;tropico;selva tropical;bosque tropical;tropico;floresta tropical;тропическ;الاستوائية;المدارية;热带
temperate|zone|temperate|temperate;temperee;temperees;templad;temperad;умеренн;المعتدلة;温带
boreal_polar|zone|boreal and polar|boreal;arctic;antarctic;polar;tundra;taiga;arctique;antarctique;artico;antartico;ártico;бореальн;арктическ;антарктическ;тундр;тайг;القطبي;الشمالية الباردة;北极;南极;寒带;苔原;北方针叶林
water_management|topic|water supply and watershed management|water supply;drinking water;water utility;water harvesting;irrigation;springs;eau potable;approvisionnement en eau;agua potable;abastecimiento de agua;cosecha de agua;agua potavel;abastecimento;captacao de agua;водоснабжен;водозабор;водосбор;المياه;حصاد المياه;الري;水源;供水;集水;水源涵养
"""

#: Concepts in the same family are close: sharing a family is partial evidence.
FAMILIES: dict[str, str] = {
    "marine": "coastal_marine",
    "mangrove": "coastal_marine",
    "seagrass": "coastal_marine",
    "kelp": "coastal_marine",
    "coral_reef": "coastal_marine",
    "freshwater": "inland_water",
    "wetland": "inland_water",
    "peatland": "inland_water",
    "forest": "terrestrial",
    "dryland": "terrestrial",
    "mountain": "terrestrial",
    "agricultural": "terrestrial",
    "cave": "terrestrial",
    "urban": "urban",
    "island": "island",
    "birds": "vertebrates",
    "bats": "mammals",
    "mammals_large": "mammals",
    "rodents": "mammals",
    "marine_mammals": "mammals",
    "amphibians": "herps",
    "reptiles": "herps",
    "turtles": "herps",
    "fish": "fish",
    "sharks_rays": "fish",
    "insects": "invertebrates",
    "pollinators": "invertebrates",
    "invertebrates_soil": "invertebrates",
    "plants": "plants",
    "trees_timber": "plants",
    "fungi": "fungi",
    "molluscs": "invertebrates",
    "crustaceans": "invertebrates",
    "crops_livestock": "agrobiodiversity",
    "technical_assistance": "advice",
    "policy_advice": "advice",
    "expert_exchange": "advice",
    "study_visit": "advice",
    "joint_research": "research",
    "training": "training",
    "technology_transfer": "technology",
    "equipment": "technology",
    "data": "data",
    "finance": "finance",
    "beekeeping": "invertebrates",
}

#: Declared support codes (the sample's and the platform's) mapped to canonical kinds.
SUPPORT_CODES: dict[str, str] = {
    "expertise": "technical_assistance",
    "technical_assistance": "technical_assistance",
    "technical assistance": "technical_assistance",
    "training": "training",
    "expert_exchange": "expert_exchange",
    "expert exchange": "expert_exchange",
    "study_visit": "study_visit",
    "study visit": "study_visit",
    "joint_research": "joint_research",
    "joint research": "joint_research",
    "research": "joint_research",
    "technology": "technology_transfer",
    "technology_transfer": "technology_transfer",
    "technology transfer": "technology_transfer",
    "data": "data",
    "data_and_information": "data",
    "information": "data",
    "funding": "finance",
    "finance": "finance",
    "grant": "finance",
    "grants": "finance",
    "equipment": "equipment",
    "policy": "policy_advice",
    "policy_advice": "policy_advice",
    "policy advice": "policy_advice",
}

SUPPORT_KINDS = (
    "technical_assistance",
    "training",
    "expert_exchange",
    "study_visit",
    "joint_research",
    "technology_transfer",
    "data",
    "finance",
    "equipment",
    "policy_advice",
)


@dataclass(frozen=True)
class Concept:
    """One canonical concept with its synonyms in several languages."""

    id: str
    category: str
    label: str
    terms: tuple[str, ...]

    @property
    def family(self) -> str:
        return FAMILIES.get(self.id, self.id)


def _parse() -> dict[str, Concept]:
    concepts: dict[str, Concept] = {}
    for line in _VOCAB.strip().splitlines():
        cid, category, label, terms = line.split("|", 3)
        uniq = tuple(dict.fromkeys(t.strip() for t in terms.split(";") if t.strip()))
        concepts[cid] = Concept(cid, category, label, uniq)
    return concepts


CONCEPTS: dict[str, Concept] = _parse()


def support_code(value: str) -> str | None:
    """Canonical support kind for a declared support string, or None when unknown."""
    key = (value or "").strip().lower().replace("-", "_")
    return SUPPORT_CODES.get(key) or SUPPORT_CODES.get(key.replace("_", " "))
